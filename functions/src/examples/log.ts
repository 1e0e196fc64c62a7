/** The seed's asynchronous example: writes the event's message to the function's log. */
export interface LogEvent {
  message: string;
}

export const handler = async (event: LogEvent): Promise<void> => {
  console.log(event.message);
};
