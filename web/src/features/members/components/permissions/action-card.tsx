import type { ReactNode } from "react";
import { useId } from "react";
import { Card, CardContent, CardDescription, CardHeader } from "../../../../components/ui/card.tsx";
import { cn } from "../../../../components/ui/cn.ts";
import { Switch } from "../../../../components/ui/switch.tsx";

type ActionCardProps = {
  title: string;
  description: string;
  /** Accessible name of the switch ("Allow: Read"). */
  switchLabel: string;
  enabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  /** A refusal or validator problem of this card's grant that no part inside claims. */
  problem?: string | undefined;
  children?: ReactNode;
};

/** One action of the permission editor: allowed or not, and its rules when allowed. */
export function ActionCard({ title, description, switchLabel, enabled, onEnabledChange, problem, children }: ActionCardProps) {
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId} className={cn(problem ? "border-destructive" : "")}>
      <CardHeader className="pb-3">
        <div className="flex items-start justify-between gap-4">
          <div className="grid gap-1">
            <h3 id={titleId} className="font-semibold">
              {title}
            </h3>
            <CardDescription>{description}</CardDescription>
          </div>
          <Switch aria-label={switchLabel} checked={enabled} onCheckedChange={onEnabledChange} />
        </div>
      </CardHeader>
      {(enabled && children) || problem ? (
        <CardContent className="grid gap-4">
          {enabled ? children : null}
          {problem ? (
            <p role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ) : null}
        </CardContent>
      ) : null}
    </Card>
  );
}
