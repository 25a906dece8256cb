// The default theme, plus the live playground component pages embed as <SmartcaPlayground />.
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import SmartcaPlayground from './SmartcaPlayground.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('SmartcaPlayground', SmartcaPlayground);
  },
} satisfies Theme;
