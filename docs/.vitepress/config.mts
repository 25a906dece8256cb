// The docs site (VitePress). Vietnamese is the root locale; English lives under /en/.
//
// The English guides stay where they always were, docs/*.md (one copy, linked from README and the
// packages), and `rewrites` serves them at /en/<guide>. Vietnamese pages live in docs/vi/ and are
// served at the root. Generated reference pages (npm run docs:reference) land in docs/en/reference/,
// which git ignores.
import { readdirSync } from 'node:fs';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docs = new URL('..', import.meta.url);
const englishGuides = readdirSync(docs).filter((f) => f.endsWith('.md'));
const vietnamesePages = readdirSync(new URL('vi/', docs)).filter((f) => f.endsWith('.md'));

const rewrites = Object.fromEntries([
  ...englishGuides.map((f) => [f, `en/${f}`]),
  ...vietnamesePages.map((f) => [`vi/${f}`, f]),
]);

// Guides with a Vietnamese version; the others are linked in English and say so.
const translated = new Set(vietnamesePages.map((f) => f.replace(/\.md$/, '')));

const GUIDES: [slug: string, vi: string, en: string][] = [
  ['getting-started', 'Bắt đầu', 'Getting started'],
  ['sdk', 'SDK', 'SDK'],
  ['relay', 'Relay (máy chủ trung gian)', 'Relay'],
  ['elements', 'Thành phần ký số (widget)', 'The widget'],
  ['documents', 'Ký tài liệu (PAdES, CMS, XML)', 'Documents (PAdES, CMS, XML)'],
  ['commerce', 'Mua lượt ký, đăng ký', 'Commerce'],
  ['sandbox', 'Sandbox', 'Sandbox'],
  ['wire-contract', 'Giao thức với VNPT', 'Wire contract'],
];

function sidebar(lang: 'vi' | 'en'): DefaultTheme.SidebarItem[] {
  const guide = ([slug, vi, en]: (typeof GUIDES)[number]) =>
    lang === 'en'
      ? { text: en, link: `/en/${slug}` }
      : translated.has(slug)
        ? { text: vi, link: `/${slug}` }
        : { text: `${vi} (tiếng Anh)`, link: `/en/${slug}` };
  const prefix = lang === 'en' ? '/en' : '';
  return [
    { text: lang === 'en' ? 'Guides' : 'Hướng dẫn', items: GUIDES.map(guide) },
    {
      text: lang === 'en' ? 'Try it' : 'Dùng thử',
      items: [
        { text: lang === 'en' ? 'Playground' : 'Sân chơi trực tiếp', link: `${prefix}/playground` },
        { text: lang === 'en' ? 'Theming' : 'Tuỳ biến giao diện', link: `${prefix}/theming` },
      ],
    },
    {
      text: lang === 'en' ? 'Reference' : 'Tra cứu (tiếng Anh)',
      items: [
        { text: lang === 'en' ? 'Components' : 'Thành phần', link: '/en/reference/components' },
        { text: 'API', link: '/en/reference/api/' },
      ],
    },
  ];
}

export default defineConfig({
  title: 'smartca-kit',
  description: 'SDK, sandbox và thành phần web cho ký số từ xa VNPT SmartCA',
  srcExclude: ['api/**'], // typedoc's HTML output (npm run docs:api-html), not site pages
  rewrites,
  cleanUrls: false,
  lastUpdated: false,
  // Links out of docs/ (examples, package READMEs) are fine on GitHub, not on the site.
  ignoreDeadLinks: [/(^|\/)\.\.\//],
  locales: {
    root: {
      label: 'Tiếng Việt',
      lang: 'vi',
      themeConfig: {
        nav: [
          { text: 'Hướng dẫn', link: '/getting-started' },
          { text: 'Sân chơi', link: '/playground' },
          { text: 'Tra cứu', link: '/en/reference/components' },
        ],
        sidebar: sidebar('vi'),
        outline: { label: 'Trên trang này' },
        docFooter: { prev: 'Trang trước', next: 'Trang sau' },
        darkModeSwitchLabel: 'Giao diện',
        returnToTopLabel: 'Lên đầu trang',
        sidebarMenuLabel: 'Mục lục',
      },
    },
    en: {
      label: 'English',
      lang: 'en',
      link: '/en/',
      themeConfig: {
        nav: [
          { text: 'Guides', link: '/en/getting-started' },
          { text: 'Playground', link: '/en/playground' },
          { text: 'Reference', link: '/en/reference/components' },
        ],
        sidebar: sidebar('en'),
      },
    },
  },
  themeConfig: {
    // Built-in MiniSearch index, bundled into the site: search works offline.
    search: { provider: 'local' },
  },
  vue: {
    template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('smartca-') } },
  },
});
