{% macro email_domain_correction(domain) -%}
    {{ return(adapter.dispatch('email_domain_correction')(domain)) }}
{%- endmacro %}

{% macro default__email_domain_correction(domain) -%}
    {#- The mailbox provider's real domain for a known misspelling of it (gmial.com is
        gmail.com), else the domain unchanged. Only misspellings that are not a mail
        provider's own domain are listed (comcast.com, a company's domain, is not
        comcast.net). One anchored pattern per provider domain, nested, so the domain
        expression is evaluated once. -#}
    {%- set by_domain = {} -%}
    {%- for typo, correct in cdp_email_domain_corrections() | dictsort -%}
        {%- do by_domain.setdefault(correct, []).append(typo | replace('.', '\\.')) -%}
    {%- endfor -%}
    {%- set corrected = namespace(expression=domain) -%}
    {%- for correct, typos in by_domain | dictsort -%}
        {%- set corrected.expression = regex_replace(
            corrected.expression, '^(' ~ typos | join('|') ~ ')$', correct, all=false
        ) -%}
    {%- endfor -%}
    {{ corrected.expression }}
{%- endmacro %}

{% macro cdp_email_domain_corrections() -%}
    {#- Misspellings of the large consumer mailbox domains seen in sign-up forms, merged
        with var cdp_email_domain_corrections ({misspelling: domain}). -#}
    {%- set known = {
        'gmai.com': 'gmail.com', 'gmial.com': 'gmail.com', 'gmal.com': 'gmail.com',
        'gmil.com': 'gmail.com', 'gamil.com': 'gmail.com', 'gnail.com': 'gmail.com',
        'gmaill.com': 'gmail.com', 'gmali.com': 'gmail.com', 'gmail.co': 'gmail.com',
        'gmail.con': 'gmail.com', 'gmail.cm': 'gmail.com', 'gmail.om': 'gmail.com',
        'gmail.comm': 'gmail.com', 'gmaik.com': 'gmail.com',
        'yaho.com': 'yahoo.com', 'yahooo.com': 'yahoo.com', 'yhaoo.com': 'yahoo.com',
        'yhoo.com': 'yahoo.com', 'yaoo.com': 'yahoo.com', 'yahoo.co': 'yahoo.com',
        'yahoo.con': 'yahoo.com', 'yahoo.cm': 'yahoo.com',
        'hotmal.com': 'hotmail.com', 'hotmial.com': 'hotmail.com', 'hotmai.com': 'hotmail.com',
        'hotmil.com': 'hotmail.com', 'hotamil.com': 'hotmail.com', 'hotmaill.com': 'hotmail.com',
        'hotmail.co': 'hotmail.com', 'hotmail.con': 'hotmail.com', 'hotmail.cm': 'hotmail.com',
        'hotmail.oc.uk': 'hotmail.co.uk',
        'outlok.com': 'outlook.com', 'outloo.com': 'outlook.com', 'outllok.com': 'outlook.com',
        'outlook.co': 'outlook.com', 'outlook.con': 'outlook.com', 'oulook.com': 'outlook.com',
        'icoud.com': 'icloud.com', 'iclod.com': 'icloud.com', 'icloud.co': 'icloud.com',
        'icloud.con': 'icloud.com', 'iclould.com': 'icloud.com',
        'aol.con': 'aol.com',
    } -%}
    {%- set merged = {} -%}
    {%- do merged.update(known) -%}
    {%- do merged.update(var('cdp_email_domain_corrections', {}) or {}) -%}
    {{ return(merged) }}
{%- endmacro %}
