import { failedAtHub, type ApiError } from '../../../src-shared/api/errors';

export interface ErrorWords {
  title: string;
  body: string;
  errorId?: string;
}

/** Turns an error code from the main process into words a person can act on; never a stack trace. */
export function describeError(error: ApiError): ErrorWords {
  switch (error.code) {
    case 'INVALID_INPUT':
      return { title: 'Something in that needs changing', body: error.message };
    case 'UNAUTHORIZED':
      return {
        title: 'This page needs its access key',
        body:
          'Open the address Advocate Studio printed when it started: it ends in “#token=…”. ' +
          'If you restarted the app, the key changed, so use the new address.',
      };
    case 'UNREACHABLE':
      if (failedAtHub(error))
        return {
          title: 'The company hub isn’t answering',
          body: `${error.message} Your work stays on this device and goes to the hub once it answers.`,
        };
      return {
        title: 'Advocate Studio isn’t answering',
        body: `Is it still running? Start it again with “npm start”. (${error.message})`,
      };
    case 'INTERNAL':
      return {
        title: 'Something went wrong',
        body: 'Sorry: this is a fault in Advocate Studio, not something you did. Nothing you saved was lost.',
        ...(error.errorId ? { errorId: error.errorId } : {}),
      };
    case 'NOT_FOUND':
      return { title: 'That isn’t there any more', body: error.message };
    case 'CONFLICT':
      return { title: 'That can’t be done just now', body: error.message };
    case 'PACK_INVALID':
      return { title: 'This course pack has problems', body: error.message };
    case 'GUIDELINES_UNACKNOWLEDGED':
      return { title: 'Check the guideline findings first', body: error.message };
    case 'EXERCISE_INCOMPLETE':
      return { title: 'The exercise asks for a little more first', body: error.message };
    case 'TOO_LARGE':
      return { title: 'That is too large', body: error.message };
    case 'FORBIDDEN':
      return { title: 'That isn’t allowed here', body: error.message };
    case 'UNKNOWN_CALL':
      return {
        title: 'This page and the app are out of step',
        body: 'Reload the page; if that doesn’t help, restart Advocate Studio.',
      };
  }
}
