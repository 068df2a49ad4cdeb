{% macro locale_country_code(column_name) -%}
    {{ return(adapter.dispatch('locale_country_code')(column_name)) }}
{%- endmacro %}

{% macro default__locale_country_code(column_name) -%}
    {#- The country a locale names: its region (en-GB, pt_BR -> GB, BR), else for a bare
        language code of a short list the country where most of its speakers in our
        markets live (de -> DE, fr -> FR, pt -> PT); null otherwise (en, es-419). For
        systems that keep a locale but no country, to read phones typed without a
        country code. -#}
    {%- set locale -%}trim(cast({{ column_name }} as {{ dbt.type_string() }})){%- endset -%}
    case
        when {{ regex_matches('lower(' ~ locale ~ ')', '^[a-z]{2,3}[-_][a-z]{2}$') }}
            then upper(right({{ locale }}, 2))
        when lower({{ locale }}) in ('de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'fi')
            then upper({{ locale }})
    end
{%- endmacro %}
