// 发布/编辑项目: the page (who may publish which kind, which states may be edited) and the form that
// saves a draft or submits it for review. Sections, form mapping and data hooks live beside it.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Result, Skeleton, Space, Typography } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { LISTING_KIND_LABELS, type ListingKind } from '../../../../domain/constants/listings.js';
import { api, ApiError } from '../../api/client.js';
import type { ListingDetail } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { ButtonLink } from '../../components/ButtonLink.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ListingStatusTag } from '../../components/StatusTag.js';
import { preventEnterSubmit } from '../../format.js';
import { canEdit } from '../../listing.js';
import { RejectionNotice } from '../../components/RejectionNotice.js';
import { toForm, type FormValues } from './listing-form.js';
import { ContactSection, ProjectInfoSection } from './ListingInfoSections.js';
import { ListingTermsSection } from './ListingTermsSection.js';
import { useListingSave, useOrganisationDefaults, useResultOptions, useResultPrefill } from './useListingForm.js';
import { SubmitEligibility } from '../../components/Eligibility.js';

function ListingForm({ kind, existing }: { kind: ListingKind; existing: ListingDetail | null }) {
  const [form] = Form.useForm<FormValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const pricingMode = Form.useWatch('pricingMode', form) ?? existing?.pricingMode ?? undefined;
  const transactionTypes = Form.useWatch('transactionTypes', form) ?? existing?.transactionTypes ?? [];
  const budgetNegotiable = Form.useWatch('budgetNegotiable', form) ?? existing?.budgetNegotiable ?? false;
  const supply = kind === 'supply';
  const { results, resultOptions } = useResultOptions(supply);
  useOrganisationDefaults(form, existing);
  const resultId = (Form.useWatch('resultId', form) as string | undefined) ?? (params.get('resultId') || undefined);
  useResultPrefill(form, supply ? results.data?.items : undefined, resultId, existing);
  const { mutation, saved, intent } = useListingSave(kind, existing);
  const conflict = mutation.error instanceof ApiError && mutation.error.code === 'VERSION_CONFLICT';

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      disabled={mutation.isPending}
      scrollToFirstError
      onKeyDown={preventEnterSubmit}
      onFinish={(v) => mutation.mutate(v)}
      initialValues={
        existing
          ? toForm(existing)
          : {
              resultId: params.get('resultId') ?? undefined,
              pricingMode: supply ? 'fixed' : undefined,
              transactionTypes: supply ? ['transfer'] : [],
              supportSought: [],
            }
      }
    >
      <ProjectInfoSection kind={kind} resultOptions={resultOptions} resultsPending={results.isPending} />
      <ListingTermsSection
        kind={kind}
        pricingMode={pricingMode}
        offersLicence={transactionTypes.includes('license')}
        budgetNegotiable={budgetNegotiable}
      />
      <ContactSection />

      {mutation.isError && (
        <div style={{ marginBottom: 16 }}>
          {conflict ? (
            <Alert
              type="warning"
              showIcon
              role="alert"
              title={mutation.error.message}
              action={
                <Button size="small" onClick={() => window.location.reload()}>
                  重新加载
                </Button>
              }
            />
          ) : (
            <>
              {saved && !existing && <Alert type="info" showIcon title="草稿已保存。" style={{ marginBottom: 8 }} />}
              <ErrorAlert error={mutation.error} />
            </>
          )}
        </div>
      )}
      <Space wrap>
        <Button
          htmlType="submit"
          onClick={() => (intent.current = 'save')}
          loading={mutation.isPending && intent.current === 'save'}
        >
          保存草稿
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          onClick={() => (intent.current = 'submit')}
          loading={mutation.isPending && intent.current === 'submit'}
        >
          保存并提交审核
        </Button>
        <Button onClick={() => navigate('/my/listings')}>取消</Button>
      </Space>
    </Form>
  );
}

export default function ListingEdit() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { role } = useAuth();
  const q = useQuery({
    queryKey: ['listing', id],
    queryFn: ({ signal }) => api.get<ListingDetail>(`/listings/${id}`, undefined, signal),
    enabled: !!id,
  });
  const ownKind: ListingKind = role === 'institution' ? 'supply' : 'demand';
  const requested = params.get('kind');
  const kind: ListingKind = q.data?.kind ?? (requested === 'supply' || requested === 'demand' ? requested : ownKind);

  let body;
  if (id && q.isPending) body = <Skeleton active paragraph={{ rows: 12 }} />;
  else if (id && q.isError) body = <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  else if (!id && kind !== ownKind) {
    body = (
      <Result
        status="403"
        title="不能发布此类项目"
        subTitle={
          ownKind === 'demand'
            ? '企业发布“企业找技术”需求；成果由科研单位发布。'
            : '科研单位发布“成果找市场”项目；技术需求由企业发布。'
        }
        extra={<ButtonLink to={`/my/listings/new?kind=${ownKind}`}>发布{LISTING_KIND_LABELS[ownKind]}项目</ButtonLink>}
      />
    );
  } else if (q.data && !canEdit(q.data.status)) {
    body = (
      <Result
        status="info"
        title="当前状态下不能修改"
        subTitle={
          <>
            该项目状态为 <ListingStatusTag status={q.data.status} listingId={q.data.id} />
            ，只有草稿和被驳回的项目可以修改。
          </>
        }
        extra={<ButtonLink to={`/listings/${q.data.id}`}>查看项目</ButtonLink>}
      />
    );
  } else {
    body = (
      <>
        {q.data && (
          <div style={{ marginBottom: 16 }}>
            <RejectionNotice listing={q.data} />
          </div>
        )}
        <div style={{ marginBottom: 16 }}>
          <SubmitEligibility />
        </div>
        <ListingForm key={q.data ? `${q.data.id}-${q.data.version}` : 'new'} kind={kind} existing={q.data ?? null} />
      </>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        {id ? '编辑' : '发布'}
        {LISTING_KIND_LABELS[kind]}项目
      </Typography.Title>
      {body}
    </Space>
  );
}
