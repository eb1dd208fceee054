// ResultForm's submit (ResultEdit.tsx): the browser-side rule check first (result-form.ts precheck),
// then the save that registers a new result or updates an existing one at its version.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import type { ResearchResult, ResultInput } from '../../api/types.js';
import { useAuth } from '../../auth.js';
import { useToast } from '../../toast.js';
import { precheck, toBody, type FormValues } from './result-form.js';

export function useResultSave(existing: ResearchResult | null) {
  const message = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [ruleError, setRuleError] = useState<string | null>(null);
  const { session } = useAuth();

  const save = useMutation({
    mutationFn: (body: ResultInput) =>
      existing
        ? api.put<ResearchResult>(`/results/${existing.id}`, { ...body, version: existing.version })
        : api.post<ResearchResult>('/results', body),
    onSuccess: (saved) => {
      message.success(existing ? '成果已保存' : '成果已登记');
      void queryClient.invalidateQueries({ queryKey: ['results'] });
      queryClient.setQueryData(['result', saved.id], saved);
      navigate('/my/results');
    },
  });

  const onFinish = (v: FormValues) => {
    const body = toBody(v, session?.organisation?.name ?? '本单位');
    const problem = precheck(body);
    setRuleError(problem);
    if (!problem) save.mutate(body);
  };
  return { save, ruleError, onFinish };
}
