package main

// theme writes the Hugo layouts: the same pages, in the same structure and nearly the same
// markup, as our templates/ (base.html, layout.html, lists.html and pages/*.html).
func (w *writer) theme() {
	for name, text := range layouts() {
		w.file("layouts/"+name, text)
	}
}

// layouts returns the templates by their path under layouts/.
func layouts() map[string]string {
	return map[string]string{
		"_default/baseof.html": `<!DOCTYPE html>
<html lang="{{site.LanguageCode}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .IsHome}}{{site.Title}}{{else}}{{$t := printf "%s · %s" .Title site.Title}}{{if le (len $t) 62}}{{$t}}{{else}}{{.Title}}{{end}}{{end}}</title>
<meta name="description" content="{{.Params.description}}">
<link rel="canonical" href="{{.Permalink}}">
<meta property="og:url" content="{{.Permalink}}">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Params.description}}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{{site.Title}}">
<link rel="stylesheet" href="{{"assets/site.css" | relURL}}">
<link rel="alternate" type="application/json" title="Groups (Meeting Guide format)" href="{{"api/groups.json" | relURL}}">
</head>
<body data-base="{{"" | relURL}}">
<a class="skip" href="#main">Skip to main content</a>
{{partial "crisis.html" .}}
{{partial "header.html" .}}
<main id="main"{{with .Params.language}}{{if ne . site.LanguageCode}} lang="{{.}}"{{end}}{{end}}>
{{block "main" .}}{{end}}
</main>
{{partial "footer.html" .}}
</body>
</html>
`,
		"partials/line.html": `<span class="line"><strong>{{.name}}</strong>: <a href="tel:{{.phone}}">call&nbsp;{{.phone}}</a>
{{- with .text}} or text {{.}}{{end}}</span>`,
		"partials/crisis.html": `<aside class="crisis" aria-label="Crisis support">
<p>In crisis or thinking about suicide? {{partial "line.html" (dict "name" site.Params.crisisName "phone" site.Params.crisisPhone "text" site.Params.crisisText)}}.
For information and support: {{partial "line.html" (dict "name" site.Params.helplineName "phone" site.Params.helplinePhone "text" site.Params.helplineText)}}.</p>
</aside>
`,
		"partials/header.html": `<header class="site-header">
<a class="site-title" href="{{"" | relURL}}">{{site.Title}}</a>
<nav aria-label="Main">
<ul>
<li><a href="{{"groups/" | relURL}}"{{if eq .RelPermalink "/groups/"}} aria-current="page"{{end}}>Find a group</a></li>
<li><a href="{{"trainings/" | relURL}}"{{if eq .RelPermalink "/trainings/"}} aria-current="page"{{end}}>Trainings</a></li>
<li><a href="{{"affiliates/" | relURL}}"{{if eq .RelPermalink "/affiliates/"}} aria-current="page"{{end}}>Affiliates</a></li>
<li><a href="{{"" | relURL}}#guides">Guides</a></li>
<li><a href="{{"search/" | relURL}}"{{if eq .RelPermalink "/search/"}} aria-current="page"{{end}}>Search</a></li>
</ul>
</nav>
</header>
`,
		"partials/footer.html": `<footer class="site-footer">
<nav aria-label="About this site">
<ul>
<li><a href="{{"api/groups.json" | relURL}}">Group data (JSON)</a></li>
</ul>
</nav>
<p>{{site.Title}}. Groups are free, peer-led and run by local NAMI affiliates. This site does not track you.</p>
</footer>
`,
		"partials/contact.html": `{{with .email}}<a href="mailto:{{.}}">{{.}}</a>{{end}}
{{- if and .email .phone}} · {{end}}
{{- with .phone}}<a href="{{$.tel}}">{{.}}</a>{{end}}`,
		"partials/group-item.html": `{{- $i := .Params.item -}}
<li class="group{{if $i.paused}} is-paused{{end}}">
<a class="group-name" href="{{.RelPermalink}}"{{with $i.lang_attr}} lang="{{.}}"{{end}}>{{.Title}}</a>
{{- if $i.paused}} <strong class="tag">Paused</strong>
{{- else if $i.starting}} <strong class="tag">Starting {{$i.starting}}</strong>
{{- end}}
<span class="group-when">{{if $i.paused}}Paused: not meeting right now{{else}}{{range $k, $s := $i.schedule_site}}{{if $k}}; {{end}}{{$s}}{{end}}{{end}}</span>
<span class="group-where">{{$i.where}}
{{- if $i.conexion}} · NAMI Conexión{{end}}
{{- with $i.lang_name_other}} · in {{.}}{{end}}</span>
</li>
`,
		"groups/single.html": `{{define "main"}}
{{- $p := .Params}}
<h1>{{.Title}}</h1>
<p class="lead">{{$p.program_name}} · Run by <a href="{{printf "affiliates/%s/" $p.affiliate | relURL}}">{{$p.affiliate_name}}</a></p>
<p class="facts">Attendance: {{$p.attendance_words}} · Language: {{$p.language_name}}</p>
{{- if $p.item.paused}}
<p class="notice"><strong>This group is paused and is not meeting right now.</strong></p>
{{- else}}
{{- with $p.first_meeting}}
<p class="notice"><strong>First meeting: {{.}}</strong></p>
{{- end}}
<section>
<h2>Schedule</h2>
<ul>
{{- range $p.schedule}}
<li>{{.}}</li>
{{- end}}
</ul>
<h3>Next meetings</h3>
{{- with $p.next}}
<ul class="next">
{{- range .}}
<li><time datetime="{{.datetime}}">{{.words}}</time></li>
{{- end}}
</ul>
{{- else}}
<p>No upcoming meetings are scheduled.</p>
{{- end}}
<p class="noprint"><a href="{{with .OutputFormats.Get "calendar"}}{{.RelPermalink}}{{end}}">Add to calendar</a></p>
</section>
{{- end}}
{{- with $p.place}}
<section>
<h2>Where</h2>
<address>
{{- with .name}}{{.}}<br>{{end}}
{{- with .street}}{{.}}<br>{{end}}
{{.city}}, {{.state}} {{.postal_code}}
</address>
{{- with .accessible}}
<p>Wheelchair accessible: {{.}}</p>
{{- end}}
{{- with .directions}}
<div class="prose">{{. | markdownify}}</div>
{{- end}}
{{- with .map_url}}
<p class="noprint"><a href="{{.}}">Open the map</a> (OpenStreetMap)</p>
{{- end}}
</section>
{{- end}}
{{- with $p.online}}
<section>
<h2>How to join online</h2>
{{- with .platform}}
<p>Platform: {{.}}</p>
{{- end}}
{{- if .join_url}}
<p><a href="{{.join_url}}">Join the meeting</a></p>
{{- else}}
<p>Ask for the link: {{partial "contact.html" $p.contact}}</p>
{{- end}}
{{- with .instructions}}
<div class="prose">{{. | markdownify}}</div>
{{- end}}
</section>
{{- end}}
<section>
<h2>Contact</h2>
<p>{{partial "contact.html" $p.contact}}</p>
</section>
{{- with $p.audience}}
<section>
<h2>Who it is for</h2>
<ul>
{{- range .}}
<li>{{.}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{- with .Content}}
<section>
<h2>Notes</h2>
<div class="prose">{{.}}</div>
</section>
{{- end}}
<p class="confirmed">Last confirmed <time datetime="{{$p.verified}}">{{$p.verified_words}}</time>.
{{- with $p.edit}} <a class="noprint" href="{{.}}">Suggest a correction</a>{{end}}</p>
{{- $self := .}}
{{- $others := where .Parent.RegularPages.ByTitle "RelPermalink" "ne" .RelPermalink}}
{{- with $others}}
<section class="noprint">
<h2>Other groups of {{$p.affiliate_name}}</h2>
<ul class="groups">
{{- range .}}
{{partial "group-item.html" .}}
{{- end}}
</ul>
</section>
{{- end}}
{{end}}
`,
		"groups/single.calendar.ics": `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//hugo//NAMI Connection//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:{{.Title}}
X-WR-TIMEZONE:{{.Params.tz}}
{{index site.Data.zones .Params.tz}}
{{- $p := .Params}}{{$page := .}}
{{- range .Params.events}}
BEGIN:VEVENT
UID:{{.uid}}
DTSTAMP:{{replace $p.verified "-" ""}}T000000Z
DTSTART;TZID={{$p.tz}}:{{.dtstart}}
DTEND;TZID={{$p.tz}}:{{.dtend}}
RRULE:{{.rrule}}
SUMMARY:{{replace (replace $page.Title "," "\\,") ";" "\\;"}}
{{- with $p.ics_location}}
LOCATION:{{.}}
{{- end}}
{{- with $p.lat}}
GEO:{{printf "%.6f" $p.lat}};{{printf "%.6f" $p.lon}}
{{- end}}
DESCRIPTION:{{$p.ics_description}}
URL:{{$page.Permalink}}
STATUS:CONFIRMED
TRANSP:OPAQUE
END:VEVENT
{{- end}}
END:VCALENDAR
`,
		"groups/state.html": `{{define "main"}}
<h1>{{.Title}}</h1>
<p class="noprint"><a href="{{"groups/" | relURL}}">Search every group</a> or <a href="{{"affiliates/" | relURL}}">see all affiliates</a>.</p>
{{- range .Params.affiliates}}
<section class="affiliate-groups">
<h2><a href="{{printf "affiliates/%s/" .slug | relURL}}">{{.name}}</a></h2>
<ul class="groups">
{{- range .groups}}
{{partial "group-item.html" (site.GetPage .)}}
{{- end}}
</ul>
</section>
{{- end}}
{{end}}
`,
		"groups/finder.html": `{{define "main"}}
<h1>{{.Title}}</h1>
<form class="finder" action="{{"groups/" | relURL}}" method="get">
<label for="state">State</label>
<select id="state" name="state">
<option value="">Any state</option>
{{- range .Sections.ByTitle}}
<option value="{{.Params.code}}">{{.Params.state_name}} ({{.Params.count}})</option>
{{- end}}
</select>
<label for="day">Day</label>
<select id="day" name="day"><option value="">Any day</option><option value="monday">Monday</option><option value="tuesday">Tuesday</option><option value="wednesday">Wednesday</option><option value="thursday">Thursday</option><option value="friday">Friday</option><option value="saturday">Saturday</option><option value="sunday">Sunday</option></select>
<label for="attendance">Attendance</label>
<select id="attendance" name="attendance"><option value="">Any</option><option value="in-person">In person</option><option value="online">Online</option><option value="hybrid">Hybrid (in person and online)</option></select>
<button type="submit">Find groups</button>
</form>
<h2>Groups by state</h2>
<ul class="states">
{{- range .Sections.ByTitle}}
<li><a href="{{.RelPermalink}}">{{.Params.state_name}}</a> ({{.Params.count}})</li>
{{- end}}
</ul>
{{end}}
`,
		"affiliates/single.html": `{{define "main"}}
{{- $p := .Params}}
<h1>{{.Title}}</h1>
<p class="lead">{{if $p.is_state}}NAMI state organization{{else}}NAMI affiliate{{end}} in {{$p.state_name}}
{{- with $p.parent}}, part of <a href="{{printf "affiliates/%s/" .slug | relURL}}">{{.name}}</a>{{end}}.</p>
<section>
<h2>Contact</h2>
<ul class="contact">
{{- with $p.email}}
<li>E-mail: <a href="mailto:{{.}}">{{.}}</a></li>
{{- end}}
{{- with $p.phone}}
<li>Phone: <a href="{{$p.tel}}">{{.}}</a></li>
{{- end}}
{{- with $p.website}}
<li>Website: <a href="{{.}}">{{.}}</a></li>
{{- end}}
</ul>
{{- with $p.address}}
<address>{{with .street}}{{.}}<br>{{end}}{{.city}}, {{.state}} {{.postal_code}}</address>
{{- end}}
{{- with $p.counties}}
<p>Counties served: {{delimit . ", "}}.</p>
{{- end}}
</section>
{{- with .Content}}
<section>
<h2>About</h2>
<div class="prose">{{.}}</div>
</section>
{{- end}}
<section>
<h2>Groups</h2>
{{- $sec := site.GetPage (printf "/groups/%s" $p.slug_id)}}
{{- with $sec}}{{with .RegularPages.ByTitle}}
<ul class="groups">
{{- range .}}
{{partial "group-item.html" .}}
{{- end}}
</ul>
{{- end}}{{else}}
<p>{{.Title}} has no Connection groups listed right now.</p>
{{- end}}
</section>
{{- with $p.champions}}
<section class="callout">
<h2>Become a Connection Champion</h2>
<p>{{$.Title}} is looking for Connection Champions: volunteers who help its groups run.</p>
{{- with .tasks}}
<ul>
{{- range .}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
</section>
{{- end}}
{{- with $p.children}}
<section>
<h2>Affiliates</h2>
<ul>
{{- range .}}
<li><a href="{{printf "affiliates/%s/" .slug | relURL}}">{{.name}}</a></li>
{{- end}}
</ul>
</section>
{{- end}}
{{end}}
`,
		"affiliates/list.html": `{{define "main"}}
<h1>{{.Title}}</h1>
{{- range .Pages.GroupByParam "state_name"}}
<section>
<h2>{{.Key}}</h2>
<ul>
{{- range .Pages.ByTitle}}
<li><a href="{{.RelPermalink}}">{{.Title}}</a>{{if .Params.is_state}} (state organization){{end}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{end}}
`,
		"index.html": `{{define "main"}}
<h1>{{.Title}}</h1>
<div class="prose">{{.Content}}</div>
<h2>Find a group by state</h2>
<ul class="states">
{{- range (site.GetPage "/groups").Sections.ByTitle}}
<li><a href="{{.RelPermalink}}">{{.Params.state_name}}</a></li>
{{- end}}
</ul>
<h2 id="guides">Guides</h2>
<ul>
{{- range (site.GetPage "/guides").Pages}}
<li><a href="{{.RelPermalink}}">{{.Title}}</a>: {{.Params.description}}</li>
{{- end}}
</ul>
{{end}}
`,
		"index.meetingguide.json": `[
{{- $first := true}}
{{- range where site.RegularPages "Section" "groups"}}
{{- $p := .Params}}{{$page := .}}
{{- range $p.events}}
{{- $e := dict "slug" (replace $p.group_id "/" "-") "name" $page.Title "day" .day "time" .time "end_time" .end_time "timezone" $p.tz "types" (slice (upper $p.language)) "notes" $page.RawContent "updated" (printf "%s 00:00:00" $p.verified) "url" $page.Permalink "entity" $p.affiliate_name "entity_email" $p.affiliate_email}}
{{- with $p.place}}{{$e = merge $e (dict "location" .name "address" .street "city" .city "state" .state "postal_code" .postal_code "country" "US")}}{{end}}
{{- with $p.lat}}{{$e = merge $e (dict "latitude" $p.lat "longitude" $p.lon)}}{{end}}
{{- if not $first}},{{end}}{{$first = false}}
{{jsonify (dict "indent" "  ") $e}}
{{- end}}
{{- end}}
]
`,
		"index.searchindex.json": `[
{{- range $k, $g := where site.RegularPages "Section" "groups"}}
{{- $p := .Params}}
{{- if $k}},{{end}}
{{- $e := dict "id" $p.group_id "name" .Title "lang" $p.language "program" $p.program "attendance" $p.attendance "state" $p.state "affiliate" $p.affiliate_name "tz" $p.tz "meetings" $p.events}}
{{- with $p.audience}}{{$e = merge $e (dict "audience" .)}}{{end}}
{{- with $p.place}}{{$e = merge $e (dict "city" .city "postal_code" .postal_code "place" .name)}}{{end}}
{{- with $p.lat}}{{$e = merge $e (dict "coords" (slice $p.lat $p.lon))}}{{end}}
{{jsonify $e}}
{{- end}}
]
`,
		"_default/single.html": `{{define "main"}}
<h1>{{.Title}}</h1>
<div class="prose">{{.Content}}</div>
{{end}}
`,
		"_default/list.html": `{{define "main"}}
<h1>{{.Title}}</h1>
<ul>
{{- range .Pages}}
<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>
{{- end}}
</ul>
{{end}}
`,
		"_default/search.html": `{{define "main"}}
<h1>{{.Title}}</h1>
<form role="search" action="{{"search/" | relURL}}" method="get">
<label for="q">Search</label>
<input id="q" name="q" type="search">
<button type="submit">Search</button>
</form>
{{end}}
`,
		"404.html": `{{define "main"}}
<h1>Page not found</h1>
<p><a href="{{"groups/" | relURL}}">Find a group</a> or go to the <a href="{{"" | relURL}}">home page</a>.</p>
{{end}}
`,
	}
}
