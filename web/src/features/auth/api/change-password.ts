import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Changes the signed-in user's password. */
export function changePassword(
  invoke: Session['invoke'],
  input: InputOf<'changePassword'>,
): Promise<OutputOf<'changePassword'>> {
  return invoke('changePassword', input);
}

export function changePasswordMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'changePassword'],
    mutationFn: (input: InputOf<'changePassword'>) => changePassword(invoke, input),
  });
}

export function useChangePassword() {
  const { invoke } = useSession();
  return useMutation(changePasswordMutationOptions(invoke));
}
