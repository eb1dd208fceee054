// The lifecycle sections of a listing's detail page (DESIGN §5), picked by kind, pricing and status.
// Each panel asks the api for what this viewer may see and offers only the actions that fit.
import type { ListingDetail } from '../../api/types.js';
import { ClaimsPanel } from './Claims.js';
import { DealPanel } from './Deal.js';
import { ExportControlPanel } from './ExportControlPanel.js';
import { ObjectionDecisionPanel } from './ObjectionDecision.js';
import { ObjectionsPanel } from './Objections.js';
import { ProposalsPanel } from './Proposals.js';
import { InquiryPanel } from './Showcase.js';
import type { LifecycleListing } from './types.js';

const AFTER_NOTICE = ['notice', 'objection_review', 'listed', 'auction', 'matched', 'converted', 'unsold'];
// Where a party registered outside the mainland may still come forward (措施十五).
const OPEN_TO_PARTIES = ['showcase', 'notice', 'objection_review', 'listed', 'auction'];
const DEMAND_ACTIVE = ['open', 'selecting', 'awarded', 'landed', 'expired'];

export default function LifecyclePanels({ listing }: { listing: ListingDetail }) {
  const l = listing as unknown as LifecycleListing;
  if (l.kind === 'demand') return DEMAND_ACTIVE.includes(l.status) ? <ProposalsPanel listing={l} /> : null;
  return (
    <>
      {l.status === 'objection_review' && <ObjectionDecisionPanel listing={l} />}
      {l.pricingMode === 'negotiated' && AFTER_NOTICE.includes(l.status) && <ObjectionsPanel listing={l} />}
      {(l.status === 'listed' || (l.listingEndsAt && AFTER_NOTICE.includes(l.status) && l.status !== 'notice')) && (
        <ClaimsPanel listing={l} />
      )}
      {l.pricingMode === 'negotiable' && <InquiryPanel listing={l} />}
      {(l.status === 'matched' || l.status === 'converted') && <DealPanel listing={l} />}
      {OPEN_TO_PARTIES.includes(l.status) && <ExportControlPanel listing={l} />}
    </>
  );
}
