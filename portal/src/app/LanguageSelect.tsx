import { useState } from 'react';
import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import GlobeIcon from '@patternfly/react-icons/dist/esm/icons/globe-icon';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

/** English / 简体中文; each name in its own language, so it can be found whatever is shown. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const current = LANGUAGES.find((l) => l.code === i18n.language) ?? LANGUAGES[0];
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle ref={ref} variant="plainText" icon={<GlobeIcon />} aria-label={`${current.label}, ${t('shell.language')}`} onClick={() => setOpen(!open)} isExpanded={open}>
          {current.label}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {LANGUAGES.map((l) => (
          <DropdownItem key={l.code} lang={l.code} onClick={() => setLanguage(l.code)} isSelected={l.code === current.code}>
            {l.label}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
}
