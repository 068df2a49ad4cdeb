{% macro compare_emails(left_alias, right_alias) -%}
    {{ return(adapter.dispatch('compare_emails')(left_alias, right_alias)) }}
{%- endmacro %}

{% macro default__compare_emails(left_alias, right_alias) -%}
    {#- On canonical emails: 3 exact, 2 same local part at another domain (a misspelt
        domain, or one name at two providers), 1 typo in the local part (Jaro-Winkler >=
        0.92 and the same digits: john.smith12 and john.smith13 are two people), 0 different,
        -1 missing. -#}
    case
        when {{ left_alias }}.email is null or {{ right_alias }}.email is null then -1
        when {{ left_alias }}.email = {{ right_alias }}.email then 3
        when {{ left_alias }}.email_local_part = {{ right_alias }}.email_local_part then 2
        when {{ left_alias }}.email_digits = {{ right_alias }}.email_digits
            and {{ jaro_winkler(left_alias ~ '.email_local_part', right_alias ~ '.email_local_part') }} >= 0.92
            then 1
        else 0
    end
{%- endmacro %}
