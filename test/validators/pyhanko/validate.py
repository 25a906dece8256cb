"""pyHanko's verdict on every signature of a PDF, offline, as one JSON object per file.

    .venv/bin/python validate.py --trust root.pem [--trust other.pem] [--at 2030-01-01T00:00:00+00:00] file.pdf ...

No fetching: what the document carries (its DSS, embedded certificates) and the given trust anchors
are all pyHanko sees, as for EU DSS in ../dss.

With --ltv each signature is judged a second time for its long-term validation status: a validation
context made only from the document's /DSS (DocumentSecurityStore.as_validation_context) with
revocation checking set to hard-fail, so it passes only when the DSS carries the certificates and
OCSP/CRL answers for every certificate that needs them (pyHanko's "LTV enabled").
"""
import argparse
import datetime
import json
import sys

from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import ValidationContext, validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore


def load(path):
    with open(path, 'rb') as f:
        data = f.read()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def bottom_line(status):
    """A document timestamp's status has no bottom_line: intact, valid and trusted is its verdict."""
    line = getattr(status, 'bottom_line', None)
    return line if line is not None else bool(status.intact and status.valid and status.trusted)


def status_json(status):
    ts = getattr(status, 'timestamp_validity', None)
    return {
        'intact': status.intact,
        'valid': status.valid,
        'trusted': status.trusted,
        'revoked': getattr(status, 'revoked', None),
        'coverage': status.coverage.name if getattr(status, 'coverage', None) else None,
        'modification': status.modification_level.name if getattr(status, 'modification_level', None) else None,
        'docmdpOk': getattr(status, 'docmdp_ok', None),
        'bottomLine': bottom_line(status),
        'signingTime': status.signer_reported_dt.isoformat() if getattr(status, 'signer_reported_dt', None) else None,
        'timestamp': None if ts is None else {'intact': ts.intact, 'valid': ts.valid, 'trusted': ts.trusted,
                                              'time': ts.timestamp.isoformat()},
    }


def ltv_json(reader, sig, kind, roots, moment):
    """The verdict with nothing but the DSS as evidence and revocation checks that must succeed."""
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception as e:
        return {'dss': False, 'bottomLine': False, 'error': f'{type(e).__name__}: {e}'}
    def context():
        return dss.as_validation_context({'trust_roots': roots, 'allow_fetching': False, 'moment': moment,
                                          'revocation_mode': 'hard-fail'})
    try:
        if kind == 'timestamp':
            status = validate_pdf_timestamp(sig, validation_context=context())
        else:
            status = validate_pdf_signature(sig, signer_validation_context=context(),
                                            ts_validation_context=context())
    except Exception as e:
        return {'dss': True, 'bottomLine': False, 'error': f'{type(e).__name__}: {e}'}
    return {'dss': True, 'intact': status.intact, 'valid': status.valid, 'trusted': status.trusted,
            'revoked': getattr(status, 'revoked', None), 'bottomLine': bottom_line(status)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--trust', action='append', default=[])
    parser.add_argument('--at')
    parser.add_argument('--ltv', action='store_true')
    parser.add_argument('files', nargs='+')
    args = parser.parse_args()
    roots = [load(p) for p in args.trust]
    moment = datetime.datetime.fromisoformat(args.at) if args.at else None
    for path in args.files:
        try:
            with open(path, 'rb') as f:
                reader = PdfFileReader(f)
                out = []
                for sig in reader.embedded_signatures:
                    context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
                    if sig.sig_object.get('/Type') == '/DocTimeStamp':
                        status = validate_pdf_timestamp(sig, validation_context=context)
                        kind = 'timestamp'
                    else:
                        status = validate_pdf_signature(sig, signer_validation_context=context,
                                                        ts_validation_context=context)
                        kind = 'signature'
                    entry = {'field': sig.field_name, 'kind': kind, **status_json(status)}
                    if args.ltv:
                        entry['ltv'] = ltv_json(reader, sig, kind, roots, moment)
                    out.append(entry)
            print(json.dumps({'file': path, 'signatures': out}))
        except Exception as e:  # a verdict, not a crash: the test reads it
            print(json.dumps({'file': path, 'error': f'{type(e).__name__}: {e}'}))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
