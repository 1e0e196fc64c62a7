import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Sets a new password with the token from the emailed link. */
export function resetPassword(
  invoke: Session['invoke'],
  input: InputOf<'resetPassword'>,
): Promise<OutputOf<'resetPassword'>> {
  return invoke('resetPassword', input);
}

export function resetPasswordMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'resetPassword'],
    mutationFn: (input: InputOf<'resetPassword'>) => resetPassword(invoke, input),
  });
}

export function useResetPassword() {
  const { invoke } = useSession();
  return useMutation(resetPasswordMutationOptions(invoke));
}
