import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { type OAuthProvider, useSignInWithProviderMutation } from "../api/sign-in-oauth-mutation.ts";
import { useErrorText } from "../hooks/use-error-text.ts";
import { FacebookMark, GoogleMark } from "./provider-marks.tsx";

const PROVIDERS: { id: OAuthProvider; label: string; Mark: () => React.JSX.Element }[] = [
  { id: "google", label: "Google", Mark: GoogleMark },
  { id: "facebook", label: "Facebook", Mark: FacebookMark },
];

/** Social sign-in; the same buttons sign up a new user, since the provider vouches for the email. */
export function OAuthButtons({ next }: { next: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const signIn = useSignInWithProviderMutation();
  const [pending, setPending] = useState<OAuthProvider | null>(null);
  return (
    <div className="grid gap-3">
      {PROVIDERS.map(({ id, label, Mark }) => (
        <Button
          key={id}
          variant="outline"
          className="w-full"
          loading={pending === id}
          disabled={pending !== null}
          onClick={() => {
            setPending(id);
            // On success the browser leaves for the provider, so the button stays busy.
            signIn.mutate({ provider: id, next }, { onError: () => setPending(null) });
          }}
        >
          {pending === id ? null : <Mark />}
          {t("auth.continueWith", { provider: label })}
        </Button>
      ))}
      {signIn.error ? <Alert tone="error">{errorText.auth(signIn.error)}</Alert> : null}
    </div>
  );
}
