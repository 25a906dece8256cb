package kit.validators;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.client.http.NativeHTTPDataLoader;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Validates signed documents with EU DSS, offline, and prints one JSON object per document on its own
 * line: for each signature its indication, sub-indication, the level DSS detects (PAdES-BASELINE-B ...
 * -LTA), signer, times, errors and warnings, and its timestamps.
 *
 * <pre>
 * java -cp 'target/dss-validate.jar:target/lib/*' kit.validators.DssValidate \
 *   --trust root.pem [--trust tsa-root.pem] [--time 2030-01-01T00:00:00Z] [--content data.bin] [--online] signed.pdf ...
 * </pre>
 *
 * Network fetching is off (no AIA, OCSP or CRL source): what a document carries, and the given trust
 * anchors, are all DSS sees, so a verdict depends on nothing outside the test. With {@code --online}
 * DSS follows the certificates' AIA, OCSP and CRL URLs (a test's own loopback sandbox): the way to a
 * TOTAL_PASSED for a signature that embeds no revocation data (baseline B and T). One JVM validates many
 * files, so a test suite pays the start-up once.
 */
public final class DssValidate {
  private DssValidate() {
  }

  public static void main(String[] args) throws Exception {
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    List<DSSDocument> detached = new ArrayList<>();
    List<String> files = new ArrayList<>();
    Date at = null;
    boolean online = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--trust" -> trusted.addCertificate(DSSUtils.loadCertificate(new File(args[++i])));
        case "--time" -> at = Date.from(Instant.parse(args[++i]));
        case "--content" -> detached.add(new FileDocument(args[++i]));
        case "--online" -> online = true;
        default -> files.add(args[i]);
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: DssValidate --trust root.pem [--time ISO] [--content file] signed-file...");
      System.exit(2);
    }
    for (String file : files) {
      System.out.println(validate(file, trusted, detached, at, online));
    }
  }

  private static String validate(String file, CommonTrustedCertificateSource trusted, List<DSSDocument> detached, Date at,
      boolean online) {
    try {
      CommonCertificateVerifier verifier = new CommonCertificateVerifier();
      verifier.setTrustedCertSources(trusted);
      if (online) {
        NativeHTTPDataLoader loader = new NativeHTTPDataLoader();
        verifier.setAIASource(new DefaultAIASource(loader));
        verifier.setOcspSource(new OnlineOCSPSource(loader));
        verifier.setCrlSource(new OnlineCRLSource(loader));
      } else {
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
      }
      SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(file));
      validator.setCertificateVerifier(verifier);
      if (!detached.isEmpty()) validator.setDetachedContents(detached);
      if (at != null) validator.setValidationTime(at);
      Reports reports = validator.validateDocument();
      return report(file, reports.getSimpleReport());
    } catch (Exception | LinkageError e) {
      return "{\"file\":" + Json.str(file) + ",\"error\":" + Json.str(e.getClass().getSimpleName() + ": " + e.getMessage()) + "}";
    }
  }

  private static String report(String file, SimpleReport simple) {
    StringBuilder out = new StringBuilder("{\"file\":").append(Json.str(file))
        .append(",\"validationTime\":").append(Json.date(simple.getValidationTime())).append(",\"signatures\":[");
    List<String> ids = simple.getSignatureIdList();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (i > 0) out.append(',');
      Indication indication = simple.getIndication(id);
      SubIndication sub = simple.getSubIndication(id);
      SignatureLevel level = simple.getSignatureFormat(id);
      out.append("{\"id\":").append(Json.str(id))
          .append(",\"indication\":").append(Json.str(indication == null ? null : indication.name()))
          .append(",\"subIndication\":").append(Json.str(sub == null ? null : sub.name()))
          .append(",\"format\":").append(Json.str(level == null ? null : level.toString()))
          .append(",\"signedBy\":").append(Json.str(simple.getSignedBy(id)))
          .append(",\"signingTime\":").append(Json.date(simple.getSigningTime(id)))
          .append(",\"bestSignatureTime\":").append(Json.date(simple.getBestSignatureTime(id)))
          .append(",\"errors\":").append(messages(simple.getAdESValidationErrors(id)))
          .append(",\"warnings\":").append(messages(simple.getAdESValidationWarnings(id)))
          .append(",\"timestamps\":[");
      List<XmlTimestamp> timestamps = simple.getSignatureTimestamps(id);
      for (int t = 0; t < timestamps.size(); t++) {
        XmlTimestamp ts = timestamps.get(t);
        if (t > 0) out.append(',');
        out.append("{\"indication\":").append(Json.str(ts.getIndication() == null ? null : ts.getIndication().name()))
            .append(",\"subIndication\":").append(Json.str(ts.getSubIndication() == null ? null : ts.getSubIndication().name()))
            .append(",\"productionTime\":").append(Json.date(ts.getProductionTime()))
            .append(",\"type\":").append(Json.str(ts.getTimestampLevel() == null ? null : ts.getTimestampLevel().toString()))
            .append('}');
      }
      out.append("]}");
    }
    out.append("],\"timestamps\":[");
    List<String> tsIds = simple.getTimestampIdList();
    for (int i = 0; i < tsIds.size(); i++) {
      if (i > 0) out.append(',');
      String id = tsIds.get(i);
      Indication indication = simple.getIndication(id);
      out.append("{\"id\":").append(Json.str(id)).append(",\"indication\":")
          .append(Json.str(indication == null ? null : indication.name())).append(",\"productionTime\":")
          .append(Json.date(simple.getProductionTime(id))).append('}');
    }
    return out.append("]}").toString();
  }

  private static String messages(List<Message> list) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) out.append(',');
      out.append(Json.str(list.get(i).getValue()));
    }
    return out.append(']').toString();
  }
}
