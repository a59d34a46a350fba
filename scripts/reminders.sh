#!/usr/bin/env bash
# Opens or updates one GitHub issue per affiliate whose group listings need confirming, from
# the JSON report of "sitegen check --stale --format json", and closes the reminder of an
# affiliate whose listings are all confirmed again. The reminders workflow runs it weekly;
# it needs gh (authenticated, e.g. GH_TOKEN) and jq.
#
#   sitegen check --stale --format json > stale.json
#   scripts/reminders.sh stale.json
#
# Each reminder carries the label $REMINDER_LABEL (default "listings-to-confirm") and a hidden
# line "<!-- sitegen-stale: AFFILIATE -->" by which the next run finds it again. An issue is
# edited only when its text changes, and its editors are mentioned in a comment only when a
# listing is new to it, so a weekly run does not notify anyone about what they already know.
set -euo pipefail

report=${1:?usage: scripts/reminders.sh REPORT.json}
label=${REMINDER_LABEL:-listings-to-confirm}
# Links to the files, when run in GitHub Actions (scheduled runs use the default branch).
repo_url=""
if [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
	repo_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY"
fi
branch=${GITHUB_REF_NAME:-main}

gh label create "$label" --color FBCA04 \
	--description "Group listings to confirm (sitegen check --stale)" >/dev/null 2>&1 || true
open_issues=$(gh issue list --label "$label" --state open --limit 1000 --json number,body)

# body SLUG prints the text of the affiliate's reminder.
body() {
	jq -r --arg slug "$1" --arg repo "$repo_url" --arg branch "$branch" '
		def cell: gsub("\\|"; "\\|") | gsub("\n"; " ");
		def file($p): if $repo == "" then "`\($p)`" else "[`\($p)`](\($repo)/blob/\($branch)/\($p)) ([edit](\($repo)/edit/\($branch)/\($p)))" end;
		. as $r
		| (.affiliates[] | select(.affiliate == $slug)) as $a
		| ($a.name | if . == "" then $slug else . end) as $name
		| "<!-- sitegen-stale: \($slug) -->",
		  (if ($a.editors | length) > 0
		   then "\($a.editors | join(" ")): these listings of **\($name)** were last confirmed more than \($r.stale_after_days) days ago."
		   else "These listings of **\($name)** were last confirmed more than \($r.stale_after_days) days ago. No editors are listed in `\($a.path)`: add `editors:` there so that reminders reach someone."
		   end),
		  "",
		  "Please check each one with the group (days and times, place or online details, contact), fix what changed, and set `verified:` to the day you confirmed it. A group that has stopped meeting gets `status: ended`; one taking a break, `status: paused`.",
		  "",
		  "| group | file | last confirmed |",
		  "| --- | --- | --- |",
		  ($a.groups[] | "| \(.name | cell)\(if .public then "" else " (not public)" end)\(if .status == "active" then "" else " (\(.status))" end) | \(file(.path)) | \(.verified) |"),
		  "",
		  "_Kept up to date every week by the reminders workflow (`sitegen check --stale`); it closes itself once every listing is confirmed._"
	' "$report"
}

slugs=$(jq -r '.affiliates[].affiliate' "$report")
for slug in $slugs; do
	name=$(jq -r --arg slug "$slug" '.affiliates[] | select(.affiliate == $slug) | if .name == "" then .affiliate else .name end' "$report")
	count=$(jq -r --arg slug "$slug" '.affiliates[] | select(.affiliate == $slug) | .groups | length' "$report")
	title="Listings to confirm: $name ($count)"
	text=$(body "$slug")
	number=$(jq -r --arg m "<!-- sitegen-stale: $slug -->" \
		'[.[] | select(.body | startswith($m + "\n") or . == $m) | .number] | first // empty' <<<"$open_issues")
	if [ -z "$number" ]; then
		gh issue create --title "$title" --label "$label" --body "$text" >/dev/null
		echo "opened a reminder for $slug: $count to confirm"
		continue
	fi
	old=$(jq -r --argjson n "$number" '.[] | select(.number == $n) | .body' <<<"$open_issues")
	if [ "$old" = "$text" ]; then
		echo "reminder #$number for $slug is up to date"
		continue
	fi
	gh issue edit "$number" --title "$title" --body "$text" >/dev/null
	new=""
	for path in $(jq -r --arg slug "$slug" '.affiliates[] | select(.affiliate == $slug) | .groups[].path' "$report"); do
		if ! grep -qF -- "\`$path\`" <<<"$old"; then new="$new- \`$path\`"$'\n'; fi
	done
	if [ -n "$new" ]; then
		editors=$(jq -r --arg slug "$slug" '.affiliates[] | select(.affiliate == $slug) | .editors | join(" ")' "$report")
		gh issue comment "$number" --body "${editors:+$editors: }more listings to confirm:"$'\n\n'"$new" >/dev/null
	fi
	echo "updated reminder #$number for $slug"
done

# A reminder whose affiliate has nothing left to confirm is done.
for number in $(jq -r '.[].number' <<<"$open_issues"); do
	slug=$(jq -r --argjson n "$number" '.[] | select(.number == $n) | .body | capture("^<!-- sitegen-stale: (?<s>[a-z0-9-]+) -->").s // empty' <<<"$open_issues")
	if [ -n "$slug" ] && ! grep -qxF -- "$slug" <<<"$slugs"; then
		gh issue close "$number" --comment "Every listing of $slug was confirmed in the last $(jq -r .stale_after_days "$report") days (as of $(jq -r .now "$report")). Thank you! A new reminder opens when one needs confirming again." >/dev/null
		echo "closed reminder #$number for $slug"
	fi
done
