{% macro identity_identifier_value(identifier_type, column_name, entry) -%}
    {{ return(adapter.dispatch('identity_identifier_value')(identifier_type, column_name, entry)) }}
{%- endmacro %}

{% macro default__identity_identifier_value(identifier_type, column_name, entry) -%}
    {#- The normalized identifier value of a column of an identity source, as varchar, null
        when blank or unusable. Staging models normalized their columns already; a custom
        source's raw column goes through the normalization macros: emails and phones are
        rejected when malformed or placeholders (phones read in the row's country when
        the entry maps a country_code attribute), loyalty cards are compacted, any other
        identifier is trimmed text. -#}
    {%- if not entry['is_custom'] -%}
        nullif(trim(cast({{ column_name }} as {{ dbt.type_string() }})), '')
    {%- elif identifier_type == 'email' -%}
        case
            when {{ rejection_reason(column_name, 'email') }} is null
                then {{ normalize_email(column_name) }}
        end
    {%- elif identifier_type == 'phone' -%}
        {%- set country_column = entry['attributes'].get('country_code') -%}
        {%- set country_expression = normalize_country(country_column) if country_column else none -%}
        case
            when {{ rejection_reason(column_name, 'phone', {'country_expression': country_expression}) }} is null
                then {{ normalize_phone(column_name, country_expression=country_expression) }}
        end
    {%- elif identifier_type == 'loyalty_card_number' -%}
        {{ normalize_card_number(column_name) }}
    {%- else -%}
        nullif(trim(cast({{ column_name }} as {{ dbt.type_string() }})), '')
    {%- endif -%}
{%- endmacro %}
