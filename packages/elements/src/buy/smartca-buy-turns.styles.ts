import { css } from 'lit';

/**
 * Styles of `<smartca-buy-turns>`, a constructable stylesheet (strict-CSP safe, like `<smartca-sign>`).
 * Component tokens `--smartca-buy-turns-*` fall back to the shared `--smartca-sys-*` ones.
 */
export const buyTurnsStyles = css`
  :host {
    display: block;
    max-width: 100%;
    font-family: var(--smartca-buy-turns-font-family, var(--smartca-sys-font-family, system-ui, sans-serif));
    font-size: var(--smartca-buy-turns-font-size, var(--smartca-sys-font-size, 1rem));
    color: var(--smartca-buy-turns-color, var(--smartca-sys-color-on-surface, #1b1f24));
    line-height: 1.5;
  }
  :host([hidden]) { display: none; }

  .base {
    display: flex; flex-direction: column; gap: var(--smartca-sys-spacing, 0.75rem);
    padding: 0.75rem 1rem;
    border: 1px solid var(--smartca-buy-turns-panel-border, var(--smartca-sys-color-outline, #8c959f));
    border-radius: var(--smartca-sys-shape-corner, 6px);
    background: var(--smartca-buy-turns-panel-background, var(--smartca-sys-color-surface, #ffffff));
  }
  p { margin: 0; }
  .balance-value { font-weight: 600; font-variant-numeric: tabular-nums; }

  fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.25rem; }
  legend { font-weight: 600; padding: 0; margin-bottom: 0.25rem; }
  label { display: flex; gap: 0.5rem; align-items: center; min-height: 32px; cursor: pointer; }
  input { accent-color: var(--smartca-buy-turns-accent, var(--smartca-sys-color-primary, #0b5cad)); }
  .price { margin-inline-start: auto; font-variant-numeric: tabular-nums; }

  .button {
    font: inherit; font-weight: 600; cursor: pointer; border: 0; align-self: flex-start;
    border-radius: var(--smartca-buy-turns-button-radius, var(--smartca-sys-shape-corner, 6px));
    padding: 0.625em 1.25em; min-height: 44px; /* WCAG 2.5.5 target size */
    background: var(--smartca-buy-turns-button-background, var(--smartca-sys-color-primary, #0b5cad));
    color: var(--smartca-buy-turns-button-color, var(--smartca-sys-color-on-primary, #ffffff));
  }
  .button[aria-disabled='true'] { cursor: default; opacity: 0.8; }
  .button:focus-visible, input:focus-visible {
    outline: 3px solid var(--smartca-buy-turns-focus-ring, var(--smartca-sys-color-focus, #1f6feb));
    outline-offset: 2px;
  }

  /* Never hidden, even when empty: a live region must be in the accessibility tree before it speaks. */
  .status { min-height: 1.5em; }
  :host(:state(paid)) .status { color: var(--smartca-buy-turns-success-color, var(--smartca-sys-color-success, #1a7f37)); }
  :host(:state(error)) .status,
  :host(:state(declined)) .status { color: var(--smartca-buy-turns-error-color, var(--smartca-sys-color-error, #b42318)); }
`;
