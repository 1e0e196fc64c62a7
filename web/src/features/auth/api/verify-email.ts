import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Confirms the email address with the token from the emailed link. */
export function verifyEmail(
  invoke: Session['invoke'],
  input: InputOf<'verifyEmail'>,
): Promise<OutputOf<'verifyEmail'>> {
  return invoke('verifyEmail', input);
}

export function verifyEmailMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'verifyEmail'],
    mutationFn: (input: InputOf<'verifyEmail'>) => verifyEmail(invoke, input),
  });
}

export function useVerifyEmail() {
  const { invoke } = useSession();
  return useMutation(verifyEmailMutationOptions(invoke));
}
