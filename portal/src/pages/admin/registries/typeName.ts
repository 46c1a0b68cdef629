import { useTranslation } from 'react-i18next';

/** A registry type's name in the current language; a type this portal does not know, as core sent it. */
export function useRegistryTypeName(): (type: string) => string {
  const { t } = useTranslation();
  return (type) => t(`adminRegistries.types.${type}`, { defaultValue: type });
}
