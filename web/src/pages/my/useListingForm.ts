// ListingForm's data and submit (ListingEdit.tsx): the registered results a supply listing links to
// (措施十五: classified ones are shown but cannot be chosen), the organisation's region and contact a
// new listing starts with, and the save that creates or updates the draft and, if asked, submits it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListingKind } from '../../../../domain/constants/listings.js';
import { api } from '../../api/client.js';
import type { ListingDetail, MyOrganisation, Page, ResearchResult } from '../../api/types.js';
import { useToast } from '../../toast.js';
import { toBody, type FormValues } from './listing-form.js';

/** The unit's registered results as options for 关联成果 (fetched for supply listings only). */
export function useResultOptions(supply: boolean) {
  const results = useQuery({
    queryKey: ['results', { page: 1, pageSize: 100 }],
    queryFn: () => api.get<Page<ResearchResult>>('/results', { page: 1, pageSize: 100 }),
    enabled: supply,
  });
  const resultOptions = (results.data?.items ?? []).map((r) => ({
    value: r.id,
    // 措施十五: classified results may not be listed publicly.
    label: r.securityClass === 'classified' ? `${r.title}（涉密，不得挂牌）` : r.title,
    disabled: r.securityClass === 'classified',
  }));
  return { results, resultOptions };
}

/**
 * A new listing takes its name, summary and field from the chosen result (on load from ?resultId= and
 * whenever the choice changes), leaving alone what the user already typed. The listing's own name can
 * still be edited afterwards.
 */
export function useResultPrefill(
  form: FormInstance<FormValues>,
  results: ResearchResult[] | undefined,
  resultId: string | undefined,
  existing: ListingDetail | null,
) {
  const applied = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (existing || !resultId || !results || applied.current === resultId) return;
    const r = results.find((x) => x.id === resultId);
    if (!r) return;
    const previous = results.find((x) => x.id === applied.current);
    applied.current = resultId;
    const next: Partial<FormValues> = {};
    // A field is replaced when it is empty or still holds what the previously chosen result filled in.
    const replaceable = (name: 'title' | 'summary' | 'field') => {
      const current = form.getFieldValue(name) as string | undefined;
      return !current || (previous !== undefined && current === previous[name]);
    };
    if (replaceable('title')) next.title = r.title;
    if (replaceable('summary')) next.summary = r.summary;
    if (replaceable('field')) next.field = r.field;
    form.setFieldsValue(next);
  }, [form, results, resultId, existing]);
}

/** A new listing starts with the organisation's region and contact, unless the user already typed. */
export function useOrganisationDefaults(form: FormInstance<FormValues>, existing: ListingDetail | null) {
  const org = useQuery({
    queryKey: ['my-organisation'],
    queryFn: () => api.get<MyOrganisation>('/my/organisation'),
    enabled: !existing,
  });
  const orgData = org.data?.organisation;
  useEffect(() => {
    if (!orgData || existing) return;
    const defaults: Partial<FormValues> = {};
    if (!form.isFieldTouched('region') && orgData.region) defaults.region = orgData.region;
    if (!form.isFieldTouched('contactName')) defaults.contactName = orgData.contactName;
    if (!form.isFieldTouched('contactPhone')) defaults.contactPhone = orgData.contactPhone;
    form.setFieldsValue(defaults);
  }, [orgData, existing, form]);
}

/** Saves the draft (creating it the first time) and, when the intent is 'submit', submits it for review. */
export function useListingSave(kind: ListingKind, existing: ListingDetail | null) {
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // After the first save of a new listing, later saves update that draft instead of creating another.
  const [saved, setSaved] = useState<ListingDetail | null>(existing);
  const intent = useRef<'save' | 'submit'>('save');

  const mutation = useMutation({
    mutationFn: async (v: FormValues) => {
      const body = toBody(kind, v);
      // The kind is fixed at creation; a patch names only the editable fields.
      const { kind: _kind, ...fields } = body;
      const row = saved
        ? await api.patch<ListingDetail>(`/listings/${saved.id}`, { ...fields, version: saved.version })
        : await api.post<ListingDetail>('/listings', body);
      setSaved(row);
      if (intent.current === 'submit') await api.post(`/listings/${row.id}/submit`);
      return row;
    },
    onSuccess: (row) => {
      void queryClient.invalidateQueries({ queryKey: ['my-listings'] });
      void queryClient.invalidateQueries({ queryKey: ['listing', row.id] });
      message.success(intent.current === 'submit' ? '已提交审核，请等待平台审核' : '草稿已保存');
      navigate('/my/listings');
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['my-listings'] });
    },
  });
  return { mutation, saved, intent };
}
