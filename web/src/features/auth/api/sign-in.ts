import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Checks the password and returns the token the browser trades for credentials. */
export function signIn(invoke: Session['invoke'], input: InputOf<'signIn'>): Promise<OutputOf<'signIn'>> {
  return invoke('signIn', input);
}

export function signInMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'signIn'],
    mutationFn: (input: InputOf<'signIn'>) => signIn(invoke, input),
  });
}

export function useSignIn() {
  const { invoke } = useSession();
  return useMutation(signInMutationOptions(invoke));
}
