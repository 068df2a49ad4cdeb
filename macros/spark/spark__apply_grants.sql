{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
    {#- Apache Spark has no GRANT statement (access control belongs to the catalog in front of
        it), so dbt-spark's grants fail on a local session. The BI views' `grants` config
        (var cdp_bi_role) has nothing to act on here: skipped, with a note in the log. -#}
    {%- if grant_config -%}
        {{ log("Spark: grants " ~ grant_config ~ " on " ~ relation ~ " skipped (no GRANT in Apache Spark)") }}
    {%- endif -%}
{%- endmacro %}
