import { Lock } from "lucide-react";
import { Link } from "react-router";
import { Button } from "../../../../components/ui/button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageTitle } from "./page-title.tsx";

/** A page the member's roles do not open (for instance adding records with a read-only role). */
export function NotAllowed({
  title,
  body,
  backTo,
  backLabel,
}: {
  title: string;
  body: string;
  backTo: string;
  backLabel: string;
}) {
  return (
    <div className="grid gap-6">
      <PageTitle>{title}</PageTitle>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <EmptyState
        icon={<Lock aria-hidden="true" />}
        title={body}
        action={
          <Button asChild variant="outline">
            <Link to={backTo}>{backLabel}</Link>
          </Button>
        }
      />
    </div>
  );
}
