{% macro canonical_email(column_name) -%}
    {{ return(adapter.dispatch('canonical_email')(column_name)) }}
{%- endmacro %}

{% macro default__canonical_email(column_name, inline=false) -%}
    {#- normalize_email, then the rules of providers that deliver several spellings to one
        mailbox: Gmail ignores dots and a +tag and treats googlemail.com as gmail.com;
        Outlook/Hotmail/Live/MSN, iCloud, Fastmail and Proton ignore a +tag; Yahoo's
        disposable addresses are base-keyword. Other domains keep their +tags: a plain
        mail server may deliver them to different people. Known misspellings of the large
        providers' domains are corrected first (email_domain_correction).
        The rules read the local part and the corrected domain several times: scalar
        subqueries compute them once (and DuckDB then evaluates the whole once per distinct
        input). `inline` writes them out at every use instead (engines that cannot nest a
        row's column in a subquery's subquery). -#}
    {%- set email = normalize_email(column_name) if inline else 'email_input.email' -%}
    {%- set parts = {
        'local_part': "split_part(" ~ email ~ ", '@', 1)",
        'domain': email_domain_correction("split_part(" ~ email ~ ", '@', 2)"),
    } -%}
    {%- set local_part = parts.local_part if inline else 'email_parts.local_part' -%}
    {%- set domain = parts.domain if inline else 'email_parts.domain' -%}
    {%- set rules -%}
    case
        when {{ domain }} in ('gmail.com', 'googlemail.com')
            and split_part({{ local_part }}, '+', 1) <> ''
            then replace(split_part({{ local_part }}, '+', 1), '.', '') || '@gmail.com'
        when (
            {{ regex_matches(domain, '^(outlook|hotmail|live)\\.([a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})$') }}
            or {{ domain }} in (
                'msn.com', 'icloud.com', 'me.com', 'mac.com', 'fastmail.com', 'fastmail.fm',
                'protonmail.com', 'protonmail.ch', 'proton.me', 'pm.me'
            )
        )
        and split_part({{ local_part }}, '+', 1) <> ''
            then split_part({{ local_part }}, '+', 1) || '@' || {{ domain }}
        when (
            {{ regex_matches(domain, '^yahoo\\.([a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})$') }}
            or {{ domain }} in ('ymail.com', 'rocketmail.com')
        )
        and split_part({{ local_part }}, '-', 1) <> ''
            then split_part({{ local_part }}, '-', 1) || '@' || {{ domain }}
        else {{ local_part }} || '@' || {{ domain }}
    end
    {%- endset -%}
    {%- if inline -%}
        {{ rules }}
    {%- else -%}
    (
        select {{ rules }}
        from (
            select
                {{ parts.local_part }} as local_part,
                {{ parts.domain }} as domain
            from (select {{ normalize_email(column_name) }} as email) as email_input
        ) as email_parts
    )
    {%- endif -%}
{%- endmacro %}

{% macro spark__canonical_email(column_name) -%}
    {#- Spark cannot resolve a row's column in a subquery nested in another subquery. -#}
    {{ return(default__canonical_email(column_name, inline=true)) }}
{%- endmacro %}
