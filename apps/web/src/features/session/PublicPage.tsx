import { Box, Center, Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the pages one opens signed out (sign in, register, the e-mailed links). */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <Box component="main">
      <Group justify="flex-end" p="sm"><LanguageSwitch /></Group>
      <Center mih="80vh" px="sm">
        <Paper withBorder p="lg" w="100%" maw={380}>{children}</Paper>
      </Center>
    </Box>
  );
}
