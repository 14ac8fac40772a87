import { createTheme, DEFAULT_THEME, Loader, NavLink, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// Themed once: system fonts (no font is fetched; the CSP allows none), and colours that pass AA
// contrast where axe-core (apps/web/test) found Mantine's defaults short of 4.5:1.

/** Mantine's palette with one shade replaced, for text that must pass AA (4.5:1) on white or under white text. */
const darker = (name: keyof typeof DEFAULT_THEME.colors, shade: number, hex: string): MantineColorsTuple =>
  DEFAULT_THEME.colors[name].map((c, i) => (i === shade ? hex : c)) as unknown as MantineColorsTuple;

export const theme = createTheme({
  primaryColor: 'indigo',
  // White on indigo 9 measures 6.8:1.
  primaryShade: 9,
  // axe-core measured 3.3:1 for the dimmed text (gray 6), 4.4:1 and 4.3:1 for white on green 9 and
  // orange 9 in small badges: these shades are darkened to pass 4.5:1.
  colors: { gray: darker('gray', 6, '#6b7280'), green: darker('green', 9, '#237032'), orange: darker('orange', 9, '#b83d0c'), yellow: darker('yellow', 9, '#a35400') },
  // The active menu item filled (white on indigo 9): the light variant's tinted text measured 4.5 short.
  // Every loader is a progress bar: the label the pages give it is prohibited on a bare span (axe
  // aria-prohibited-attr, met whenever a check ran while a list was still loading).
  components: { NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }), Loader: Loader.extend({ defaultProps: { role: 'progressbar' } }) },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif',
  defaultRadius: 'sm',
});

/**
 * A field's error (its message and the text typed in the field) in red 9: Mantine's red 6
 * measured 3.3:1 on white (axe-core, a refused e-mail address on the booking page).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-error': 'var(--mantine-color-red-9)' }, dark: {} });
