{% macro rejection_reason(column_name, kind, options={}) -%}
    {{ return(adapter.dispatch('rejection_reason')(column_name, kind, options)) }}
{%- endmacro %}

{% macro default__rejection_reason(column_name, kind, options={}) -%}
    {#- Why a raw value cannot be used, or null when it can (or is blank). Staging models
        null a value with a reason and stg_quality__rejected_values lists it, so both use
        this one definition. kind / reasons:
          email    placeholder_email (text or email placeholder), malformed_email
          phone    placeholder_phone (text placeholder or digits listed), invalid_phone;
                   options: default_country, country_expression (as normalize_phone)
          date     placeholder_date, unparseable_date, impossible_date;
                   options: slash_order, century_pivot (as parse_date)
          name     placeholder_name (clean_display_name: blank after trimming, or a
                   text or name placeholder)
          text     placeholder_text (the same test, for other free text: street, city)
          postcode placeholder_postcode, malformed_postcode (no letter or digit left)
          country  unknown_country -#}
    {%- set text -%}lower(trim(cast({{ column_name }} as {{ dbt.type_string() }}))){%- endset -%}
    case
        when {{ column_name }} is null or {{ text }} = '' then null
    {%- if kind == 'email' %}
        when {{ is_placeholder(text, ['text', 'email']) }} then 'placeholder_email'
        when {{ normalize_email(column_name) }} is null then 'malformed_email'
    {%- elif kind == 'phone' %}
        when {{ is_placeholder(text, 'text') }}
            or {{ is_placeholder(regex_replace(text, '[^0-9]', ''), 'phone') }}
            then 'placeholder_phone'
        when {{ normalize_phone(column_name, options.get('default_country'), options.get('country_expression')) }} is null
            then 'invalid_phone'
    {%- elif kind == 'date' %}
        {%- set iso = date_text_to_iso(column_name, options.get('slash_order', 'mdy'), options.get('century_pivot', 30)) %}
        when {{ is_placeholder(text, 'text') }} then 'placeholder_date'
        when not {{ regex_matches(iso, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') }} or {{ iso }} is null then 'unparseable_date'
        when {{ is_placeholder(iso, 'date') }} then 'placeholder_date'
        when not {{ regex_matches(iso, valid_iso_date_pattern()) }} then 'impossible_date'
    {%- elif kind == 'name' %}
        when {{ clean_display_name(column_name) }} is null then 'placeholder_name'
    {%- elif kind == 'text' %}
        when {{ clean_display_name(column_name) }} is null then 'placeholder_text'
    {%- elif kind == 'postcode' %}
        when {{ is_placeholder(text, 'text') }} then 'placeholder_postcode'
        when {{ normalize_postcode(column_name) }} is null then 'malformed_postcode'
    {%- elif kind == 'country' %}
        when {{ normalize_country(column_name) }} is null then 'unknown_country'
    {%- else %}
        {{ exceptions.raise_compiler_error("rejection_reason: unknown kind '" ~ kind ~ "'") }}
    {%- endif %}
    end
{%- endmacro %}
