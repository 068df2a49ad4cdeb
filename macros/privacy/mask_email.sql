{% macro mask_email(email) -%}
    {{ return(adapter.dispatch('mask_email')(email)) }}
{%- endmacro %}

{% macro default__mask_email(email) -%}
    {#- 'jane.doe@example.com' -> 'j***@example.com': first character of the local part, the
        domain kept (useful for BI: which providers), null for null or a value without '@'. -#}
    case
        when position('@' in {{ email }}) > 1
            then substr({{ email }}, 1, 1) || '***' || substr({{ email }}, position('@' in {{ email }}))
    end
{%- endmacro %}
