import { MenuToggle } from '@patternfly/react-core';
import KebabIcon from '@patternfly/react-icons/dist/esm/icons/rh-ui-ellipsis-vertical-fill-icon';
import type { CustomActionsToggleProps } from '@patternfly/react-table';

/**
 * The kebab of a table row's ActionsColumn, with a name (pass as actionsToggle): PatternFly's own toggle is
 * called "Kebab toggle" in every row, as its rowData.actionProps go to the dropdown, not to the toggle.
 */
export function kebabToggle(label: string) {
  return function KebabToggle({ onToggle, isOpen, isDisabled, toggleRef }: CustomActionsToggleProps) {
    return <MenuToggle ref={toggleRef} aria-label={label} variant="plain" onClick={onToggle} isExpanded={isOpen} isDisabled={isDisabled} icon={<KebabIcon />} />;
  };
}
