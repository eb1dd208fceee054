// The owner's view of its result's technology-export review while the listing is on the platform
// (措施十五): parties registered outside the mainland can claim, register for the auction or later be
// the counterparty only once it is confirmed. Others never see this panel.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { Panel } from '../../components/Panel.js';
import { ExportControlConfirmed, ExportControlForm } from './ExportControl.js';
import { useViewer } from './shared.js';
import type { DealRecord, LifecycleListing } from './types.js';

export function ExportControlPanel({ listing }: { listing: LifecycleListing }) {
  const viewer = useViewer(listing);
  const q = useQuery({
    queryKey: ['deal', listing.id],
    queryFn: ({ signal }) => api.get<DealRecord>(`/listings/${listing.id}/deal`, undefined, signal),
    enabled: viewer.isOwner,
    retry: false,
  });
  if (!viewer.isOwner || !q.data) return null;
  const ec = q.data.exportControl;
  return (
    <Panel title="技术出口管制审查（措施十五）">
      {ec ? (
        <ExportControlConfirmed at={ec.createdAt} note={ec.note} />
      ) : (
        <ExportControlForm url={`/listings/${listing.id}/export-control`} invalidate={[['deal', listing.id]]} />
      )}
    </Panel>
  );
}
