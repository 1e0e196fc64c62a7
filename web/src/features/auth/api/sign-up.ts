import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { mutationOptions, useMutation } from '@tanstack/react-query';
import { type Session, useSession } from '../../../lib/session';

/** Creates an account; the verification email goes to the address given. */
export function signUp(invoke: Session['invoke'], input: InputOf<'signUp'>): Promise<OutputOf<'signUp'>> {
  return invoke('signUp', input);
}

export function signUpMutationOptions(invoke: Session['invoke']) {
  return mutationOptions({
    mutationKey: ['auth', 'signUp'],
    mutationFn: (input: InputOf<'signUp'>) => signUp(invoke, input),
  });
}

export function useSignUp() {
  const { invoke } = useSession();
  return useMutation(signUpMutationOptions(invoke));
}
