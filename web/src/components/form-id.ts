// A form name unique on the page. antd derives each field's id from the form's name
// (`<name>_<field>`), and a label is tied to its field by that id: forms rendered once per table row
// or per dialog (reason boxes) need their own name, or every row's 原因 box shares one id.
import { useId } from 'react';

export function useFormName(prefix: string): string {
  return `${prefix}-${useId().replace(/[^A-Za-z0-9]/g, '')}`;
}
