import { expect } from '@open-wc/testing';
import { SmartCASign } from '../src/index.js';
import { defineOnce } from '../src/internal/define.js';

// This file runs in its own page, so the registry starts empty.
describe('packaging: the class file is separate from a guarded define', () => {
  it('importing the package root registers nothing', () => {
    expect(customElements.get('smartca-sign')).to.equal(undefined);
    expect(SmartCASign.prototype).to.be.instanceOf(HTMLElement);
  });

  it('the define file registers <smartca-sign>; a second copy only warns', async () => {
    await import('../src/smartca-sign.js');
    expect(customElements.get('smartca-sign')).to.equal(SmartCASign);
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      defineOnce('smartca-sign', class extends SmartCASign {});
      defineOnce('smartca-sign', SmartCASign);
    } finally {
      console.warn = original;
    }
    expect(customElements.get('smartca-sign')).to.equal(SmartCASign);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('already defined');
  });

  it('the class can be registered under another name (scoped registries, wrappers)', () => {
    class PortalSign extends SmartCASign {}
    customElements.define('portal-smartca-sign', PortalSign);
    const el = document.createElement('portal-smartca-sign');
    expect(el).to.be.instanceOf(SmartCASign);
  });
});
