import { Button } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';

/** A form's submit row: the mutation's error, if it failed, above a primary submit button showing its progress. */
export function FormSubmit({
  mutation,
  children,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  children: ReactNode;
}) {
  return (
    <>
      {mutation.isError && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={mutation.error} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {children}
      </Button>
    </>
  );
}
