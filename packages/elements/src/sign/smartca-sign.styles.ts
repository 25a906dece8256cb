import { css } from 'lit';

/**
 * Styles of `<smartca-sign>`, adopted as a constructable stylesheet (no `<style>` or `style=`, so a
 * strict CSP without `unsafe-inline` is enough). Tokens come in two levels, as in material-web: a
 * portal sets `--smartca-sys-*` once for every SmartCA element, or `--smartca-sign-*` for this one.
 * Each use reads the component token, then the system token, then a default that meets WCAG AA
 * contrast on white.
 */
export const signStyles = css`
  :host {
    display: inline-block;
    max-width: 100%;
    font-family: var(--smartca-sign-font-family, var(--smartca-sys-font-family, system-ui, sans-serif));
    font-size: var(--smartca-sign-font-size, var(--smartca-sys-font-size, 1rem));
    color: var(--smartca-sign-color, var(--smartca-sys-color-on-surface, #1b1f24));
    line-height: 1.5;
  }
  :host([hidden]) { display: none; }

  .base { display: flex; flex-direction: column; gap: var(--smartca-sys-spacing, 0.75rem); }

  .document { margin: 0; }
  .document-name { font-weight: 600; }

  .button, .secondary {
    font: inherit;
    cursor: pointer;
    border-radius: var(--smartca-sign-button-radius, var(--smartca-sys-shape-corner, 6px));
    padding: 0.625em 1.25em;
    min-height: 44px; /* WCAG 2.5.5 target size */
  }
  .button {
    border: 0;
    font-weight: 600;
    background: var(--smartca-sign-button-background, var(--smartca-sys-color-primary, #0b5cad));
    color: var(--smartca-sign-button-color, var(--smartca-sys-color-on-primary, #ffffff));
  }
  .button[aria-disabled='true'] { cursor: default; opacity: 0.8; }
  .secondary {
    border: 1px solid currentColor;
    background: transparent;
    color: var(--smartca-sign-secondary-color, var(--smartca-sys-color-primary, #0b5cad));
  }
  .button:focus-visible, .secondary:focus-visible, .app-link:focus-visible {
    outline: 3px solid var(--smartca-sign-focus-ring, var(--smartca-sys-color-focus, #1f6feb));
    outline-offset: 2px;
  }

  .pending {
    display: flex; flex-direction: column; gap: 0.5rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--smartca-sign-panel-border, var(--smartca-sys-color-outline, #8c959f));
    border-radius: var(--smartca-sign-button-radius, var(--smartca-sys-shape-corner, 6px));
    background: var(--smartca-sign-panel-background, var(--smartca-sys-color-surface, #ffffff));
  }
  .pending p { margin: 0; }
  /* Label above value, side by side while they fit: a grid of "auto 1fr" squeezed the code on a phone. */
  .facts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; }
  .facts dt { font-weight: 600; }
  .facts dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  /* The code the user matches in the app, character by character: never split at its hyphens. */
  .code { white-space: nowrap; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
  .app-link { color: var(--smartca-sign-link-color, var(--smartca-sys-color-primary, #0b5cad)); font-weight: 600; }

  /* Never hidden, even when empty: a live region must be in the accessibility tree before it speaks. */
  .status { margin: 0; min-height: 1.5em; }
  .status:focus { outline: none; } /* focused by script to be read, not a control */
  .status:focus-visible { outline: 3px solid var(--smartca-sign-focus-ring, var(--smartca-sys-color-focus, #1f6feb)); }
  /* Read by screen readers, not shown: what the receipt already shows on screen. */
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .receipt {
    margin: 0; font-weight: 600;
    color: var(--smartca-sign-success-color, var(--smartca-sys-color-success, #1a7f37));
  }
  :host(:state(signed)) .status { color: var(--smartca-sign-success-color, var(--smartca-sys-color-success, #1a7f37)); }
  :host(:state(error)) .status,
  :host(:state(rejected)) .status,
  :host(:state(expired)) .status { color: var(--smartca-sign-error-color, var(--smartca-sys-color-error, #b42318)); }
`;
