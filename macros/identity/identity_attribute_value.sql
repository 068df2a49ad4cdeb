{% macro identity_attribute_value(attribute, column_name, entry) -%}
    {{ return(adapter.dispatch('identity_attribute_value')(attribute, column_name, entry)) }}
{%- endmacro %}

{% macro default__identity_attribute_value(attribute, column_name, entry) -%}
    {#- A profile attribute of an identity source in its display form: birth_date as a
        date, everything else varchar. A staging model's column is taken as it is; a
        custom source's raw column is normalized like staging does (email, phone read in
        the row's country, names and address lines cleaned, dates parsed month first,
        postcodes and countries normalized). A missing column is null. -#}
    {%- if column_name is none -%}
        {{ 'cast(null as date)' if attribute == 'birth_date' else 'cast(null as ' ~ dbt.type_string() ~ ')' }}
    {%- elif not entry['is_custom'] -%}
        {{ 'cast(' ~ column_name ~ ' as date)' if attribute == 'birth_date' else 'cast(' ~ column_name ~ ' as ' ~ dbt.type_string() ~ ')' }}
    {%- elif attribute in ('email', 'phone') -%}
        {{ identity_identifier_value(attribute, column_name, entry) }}
    {%- elif attribute == 'birth_date' -%}
        {{ parse_date(column_name) }}
    {%- elif attribute == 'postcode' -%}
        {{ normalize_postcode(column_name) }}
    {%- elif attribute == 'country_code' -%}
        {{ normalize_country(column_name) }}
    {%- else -%}
        {{ clean_display_name(column_name) }}
    {%- endif -%}
{%- endmacro %}
