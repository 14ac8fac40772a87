import { Modal, type ModalRootProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Every dialog of the console: Mantine's modal, put together from its parts because two of
 * them fail axe as they come: the header is a `<header>`, which outside a section is a second
 * banner landmark (it is only the frame of the title here), and the close button has no name.
 * The title names the dialog.
 */
export function Dialog({ title, children, ...props }: Omit<ModalRootProps, 'title'> & { title: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal.Root {...props}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header role="none">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
