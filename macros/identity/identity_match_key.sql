{% macro identity_match_key(identifier_type, expression) -%}
    {{ return(adapter.dispatch('identity_match_key')(identifier_type, expression)) }}
{%- endmacro %}

{% macro default__identity_match_key(identifier_type, expression) -%}
    {#- The form of a normalized identifier value that records are linked on: an email's
        canonical mailbox (provider rules for dots and +tags), every other type as it is. -#}
    {%- if identifier_type == 'email' -%}
        {{ canonical_email(expression) }}
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}
