// The header's active-organisation switch: a person who belongs to several organisations (a researcher
// of two institutions, an enterprise's staff member who is also a 成果完成人) chooses whom they act for.
// AppLayout shows it only when there is a choice.
import { Select } from 'antd';
import { useNavigate } from 'react-router';
import { errorText } from '../api/client.js';
import type { Session } from '../api/types.js';
import { useAuth } from '../auth.js';
import { homeOf } from '../home.js';
import { useToast } from '../toast.js';

const ROLE_TEXT: Record<Session['memberships'][number]['role'], string> = {
  admin: '管理员',
  member: '工作人员',
  researcher: '科研人员',
};

export function OrganisationSwitch({ session, block = false }: { session: Session; block?: boolean }) {
  const { switchOrganisation } = useAuth();
  const message = useToast();
  const navigate = useNavigate();
  const onChange = async (organisationId: string) => {
    try {
      const next = await switchOrganisation(organisationId);
      message.success(`已切换为：${next.organisation.name}（${ROLE_TEXT[next.memberRole]}）`);
      navigate(homeOf(next.role));
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Select
      aria-label="当前代表的单位"
      data-testid="organisation-switch"
      value={session.organisation.id}
      onChange={onChange}
      popupMatchSelectWidth={false}
      style={{ width: block ? '100%' : 220 }}
      options={session.memberships.map((m) => ({
        value: m.organisationId,
        label: `${m.name}（${ROLE_TEXT[m.role]}）`,
      }))}
    />
  );
}
