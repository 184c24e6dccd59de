import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type FormEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { isApiError } from './api-client';
import { applyServerErrors } from './form-errors';

/** The part of a TanStack mutation a form needs. */
export interface FormMutation<I, R> {
  mutate: (input: I, options?: { onSuccess?: (result: R) => void; onError?: (error: unknown) => void }) => void;
  error: unknown;
  isPending: boolean;
}

export interface CommandFormOptions<In extends FieldValues, Out, I, R> {
  schema: z.ZodType<Out, In>;
  /** the form's values as the server has them now (or empty) */
  defaultValues: NoInfer<In>;
  /**
   * The version of the record `defaultValues` come from. When it changes, an untouched form takes the new
   * values; a form with typed text keeps it and reports `changedUnderneath` until it is saved or discarded.
   */
  version?: number;
  /** which form field a 400's field key belongs to; null leaves the message for the form-level alert */
  resolve: (key: string) => Path<In> | null;
  mutation: FormMutation<I, R>;
  /** the command input (id, version, body) from the validated values */
  toInput: (values: Out) => I;
  onSuccess?: (result: R, values: Out) => void;
  /** after a failed request, once 400 field errors are on their fields */
  onError?: (error: unknown) => void;
  /** client-side validation failed */
  onInvalid?: Parameters<UseFormReturn<In, unknown, Out>['handleSubmit']>[1];
}

export interface CommandForm<In extends FieldValues, Out> {
  form: UseFormReturn<In, unknown, Out>;
  /** the <form onSubmit> handler */
  onSubmit: (e?: FormEvent) => void;
  /** 400 messages no field took (for ProblemAlert) */
  messages: string[];
  error: unknown;
  isPending: boolean;
  /** the record changed on the server while the user had unsaved text in the form */
  changedUnderneath: boolean;
  /** drop the typed text and show the server's values */
  discard: () => void;
}

/**
 * The one submit path of every command form: zod validation, the command, 400 field errors mapped onto
 * the fields (the rest returned as messages), and typed text kept when the record changes underneath.
 */
export function useCommandForm<In extends FieldValues, Out, I, R>(o: CommandFormOptions<In, Out, I, R>): CommandForm<In, Out> {
  const { version, defaultValues } = o;
  // The server values the form starts from. They move to a new version only while the form is untouched
  // (react-hook-form resets to `values` when they change); typed text is never overwritten.
  const [base, setBase] = useState({ version, values: defaultValues });
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(o.schema),
    defaultValues: base.values as DefaultValues<In>,
    values: base.values,
  });
  const [messages, setMessages] = useState<string[]>([]);
  const { isDirty } = form.formState;
  if (version !== base.version && !isDirty) setBase({ version, values: defaultValues });
  const changedUnderneath = version !== base.version;

  const onSubmit = (e?: FormEvent) => {
    void form.handleSubmit((values) => {
      setMessages([]);
      const { mutation, toInput, resolve } = o;
      mutation.mutate(toInput(values), {
        onSuccess: (result) => {
          // Clean at once (the submitted values), so the server's values replace them when its new version arrives.
          form.reset(version === undefined ? defaultValues : form.getValues());
          o.onSuccess?.(result, values);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 400) setMessages(applyServerErrors(error, { resolve, setError: form.setError }));
          o.onError?.(error);
        },
      });
    }, o.onInvalid)(e);
  };

  const discard = () => {
    form.reset(defaultValues);
    setBase({ version, values: defaultValues });
    setMessages([]);
  };

  return { form, onSubmit, messages, error: o.mutation.error, isPending: o.mutation.isPending, changedUnderneath, discard };
}
