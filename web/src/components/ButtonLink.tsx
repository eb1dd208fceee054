import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router';

/**
 * A link that looks like a button: a real <a href> (so it can be opened in a new tab and is announced
 * as a link) that navigates client-side on a plain click.
 */
export function ButtonLink({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
