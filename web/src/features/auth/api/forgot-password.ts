import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Emails a reset link (the same answer whether or not the address has an account). */
export function forgotPassword(
  invoke: Session['invoke'],
  input: InputOf<'forgotPassword'>,
): Promise<OutputOf<'forgotPassword'>> {
  return invoke('forgotPassword', input);
}

export function forgotPasswordMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'forgotPassword'],
    mutationFn: (input: InputOf<'forgotPassword'>) => forgotPassword(invoke, input),
  });
}

export function useForgotPassword() {
  const { invoke } = useSession();
  return useMutation(forgotPasswordMutationOptions(invoke));
}
