// The single-file CDN bundle: every dependency inlined, every element registered on load, for
// portals that embed by `<script type="module" src=".../smartca-elements.min.js">`.
import './smartca-sign.js';
import './smartca-buy-turns.js';

export * from './index.js';
