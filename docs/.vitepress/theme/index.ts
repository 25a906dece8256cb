// The default theme, plus the live components pages embed: <SmartcaPlayground /> and <SmartcaTheming />.
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import SmartcaPlayground from './SmartcaPlayground.vue';
import SmartcaTheming from './SmartcaTheming.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('SmartcaPlayground', SmartcaPlayground);
    app.component('SmartcaTheming', SmartcaTheming);
  },
} satisfies Theme;
