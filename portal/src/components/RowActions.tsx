import { MenuToggle } from '@patternfly/react-core';
import EllipsisVIcon from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon';
import { ActionsColumn, type IAction } from '@patternfly/react-table';

/**
 * A table row's kebab menu whose toggle is named (label: "Actions of <row>"). PatternFly's own toggle
 * is always called "Kebab toggle", in English, whatever rowData.actionProps says.
 */
export function RowActions({ label, items, isDisabled }: { label: string; items: IAction[]; isDisabled?: boolean }) {
  return (
    <ActionsColumn
      items={items}
      isDisabled={isDisabled}
      actionsToggle={({ onToggle, isOpen, isDisabled: disabled, toggleRef }) => (
        <MenuToggle ref={toggleRef} aria-label={label} onClick={onToggle} isExpanded={isOpen} isDisabled={disabled} variant="plain" icon={<EllipsisVIcon />} />
      )}
    />
  );
}
