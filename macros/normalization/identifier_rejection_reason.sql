{% macro identifier_rejection_reason(type_expression, value_expression) -%}
    {{ return(adapter.dispatch('identifier_rejection_reason')(type_expression, value_expression)) }}
{%- endmacro %}

{% macro default__identifier_rejection_reason(type_expression, value_expression) -%}
    {#- rejection_reason of a value whose identifier type is given per row (a request that
        names a person by email or by phone): the reasons of kind email or phone; null for
        other types, which are only trimmed. Phones are read in var
        cdp_default_phone_country. -#}
    case lower(trim(cast({{ type_expression }} as {{ dbt.type_string() }})))
        when 'email' then {{ rejection_reason(value_expression, 'email') }}
        when 'phone' then {{ rejection_reason(value_expression, 'phone') }}
    end
{%- endmacro %}
