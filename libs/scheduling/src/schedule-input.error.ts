/** Thrown for structurally broken input (duplicate ids, locks pointing nowhere) that no schedule can fix. */
export class ScheduleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleInputError';
  }
}
