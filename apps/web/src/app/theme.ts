import { createTheme } from '@mantine/core';

// Themed once: system fonts (no font is fetched; the CSP allows none), a primary shade dark
// enough for white text to pass AA contrast.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans KR", "Apple SD Gothic Neo", sans-serif',
  defaultRadius: 'sm',
});
