import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Sends a new verification link (the same answer whether or not the address has an account). */
export function resendVerification(
  invoke: Session['invoke'],
  input: InputOf<'resendVerification'>,
): Promise<OutputOf<'resendVerification'>> {
  return invoke('resendVerification', input);
}

export function resendVerificationMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'resendVerification'],
    mutationFn: (input: InputOf<'resendVerification'>) => resendVerification(invoke, input),
  });
}

export function useResendVerification() {
  const { invoke } = useSession();
  return useMutation(resendVerificationMutationOptions(invoke));
}
