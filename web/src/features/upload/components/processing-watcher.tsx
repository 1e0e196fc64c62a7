import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { photoQueryOptions } from '../../../lib/api/get-photo';
import { photoAdded } from '../../../lib/api/photo-lists';
import { useSession } from '../../../lib/session';
import type { ProcessingOutcome } from '../upload-queue';

/** How often `getPhoto` is asked while processUpload works, and how long we keep asking. */
export const PROCESSING_POLL_MS = 1500;
export const PROCESSING_PATIENCE_MS = 3 * 60_000;

/**
 * Asks `getPhoto` until processing is over (its uploader sees `processing` until then) and reports
 * the outcome; past its patience it stops asking and offers to look again.
 */
export function ProcessingWatcher({
  photoId,
  onProcessed,
}: {
  photoId: string;
  onProcessed: (outcome: ProcessingOutcome) => void;
}) {
  const { invoke } = useSession();
  const queryClient = useQueryClient();
  // Bumped by "Check again": a new spell of patience.
  const [attempt, setAttempt] = useState(0);
  const [gaveUp, setGaveUp] = useState(false);
  const photo = useQuery({
    ...photoQueryOptions(invoke, photoId),
    staleTime: 0,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status === 'ready' || status === 'failed') return false;
      return gaveUp ? false : PROCESSING_POLL_MS;
    },
    refetchIntervalInBackground: true,
  });
  const status = photo.data?.status;
  const reported = useRef(false);
  const failureReason = photo.data?.failureReason;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt restarts the clock
  useEffect(() => {
    setGaveUp(false);
    const timer = setTimeout(() => setGaveUp(true), PROCESSING_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [attempt]);

  useEffect(() => {
    if (reported.current || (status !== 'ready' && status !== 'failed')) return;
    reported.current = true;
    if (status === 'ready') {
      onProcessed({ status: 'ready' });
      photoAdded(queryClient);
    } else {
      onProcessed(failureReason ? { status: 'failed', failureReason } : { status: 'failed' });
    }
  }, [status, failureReason, onProcessed, queryClient]);

  if (!gaveUp || photo.isFetching) return <span>Processing…</span>;
  return (
    <span>
      This is taking longer than usual; the photo will show on your profile once it is ready.{' '}
      <Button
        variant="link"
        onClick={() => {
          setAttempt((count) => count + 1);
          void photo.refetch();
        }}
      >
        Check again
      </Button>
    </span>
  );
}
