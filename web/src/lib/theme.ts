import { createTheme } from '@mantine/core';

/** Japanese-first font stack: native Japanese UI fonts first, then Noto CJK (Linux), then system UI. */
export const JAPANESE_FONT_STACK =
  '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", "Yu Gothic", Meiryo, system-ui, -apple-system, "Segoe UI", sans-serif';

export const theme = createTheme({
  fontFamily: JAPANESE_FONT_STACK,
  headings: { fontFamily: JAPANESE_FONT_STACK, fontWeight: '700' },
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace',
  primaryColor: 'indigo',
  defaultRadius: 'md',
  // Japanese text needs a little more line height than Latin defaults.
  lineHeights: { xs: '1.5', sm: '1.6', md: '1.65', lg: '1.65', xl: '1.65' },
});
