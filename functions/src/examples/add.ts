/** The seed's synchronous example: adds two numbers. Kept for the admin debug panel. */
export interface AddEvent {
  value1: number;
  value2: number;
}

export const handler = async (event: AddEvent): Promise<number> => event.value1 + event.value2;
